// Public forms (/f/…): shows a conditional question only while its condition holds. The
// page works without this script (every question shows, with a note saying when to answer
// it), and the server applies the conditions either way.
(() => {
  const form = document.querySelector("form.form-body");
  if (!form) return;
  const fold = (s) => String(s).trim().replace(/\s+/g, " ").toLowerCase();
  const answer = (key) => {
    const inputs = [...form.elements].filter((el) => el.name === key);
    return inputs.map((el) => (el.type === "checkbox" ? (el.checked ? el.value : "no") : el.value)).join(", ");
  };
  const update = () => {
    for (const box of form.querySelectorAll("[data-show-if]")) {
      const rule = JSON.parse(box.dataset.showIf);
      const same = fold(answer(rule.key)) === fold(rule.value);
      const show = rule.op === "is" ? same : !same;
      box.hidden = !show;
      for (const note of box.querySelectorAll(".condition")) note.hidden = true;
    }
  };
  form.addEventListener("input", update);
  form.addEventListener("change", update);
  update();
})();
