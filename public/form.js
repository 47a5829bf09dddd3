// Public forms (/f/…): shows a conditional question only while its condition holds. The
// page works without this script (every question shows, with a note saying when to answer
// it), and the server applies the conditions either way; this script reads the answers the
// way the server does (src/schema/forms/submission.ts), so the two agree.
(() => {
  const form = document.querySelector("form.form-body");
  if (!form) return;
  const fold = (s) => String(s).trim().replace(/\s+/g, " ").toLowerCase();
  // Read once: each conditional question, its rule and the inputs of the question it looks at.
  const rules = [...form.querySelectorAll("[data-show-if]")].map((box) => {
    const rule = JSON.parse(box.dataset.showIf);
    const inputs = [...form.elements].filter((el) => el.name === rule.key);
    return { box, rule, inputs, notes: [...box.querySelectorAll(".condition")] };
  });
  // The answer the server would see: a hidden question's fixed value; nothing for a question
  // that is not shown; an unticked box sends nothing, so the question's default.
  const answer = ({ rule, inputs }) => {
    if (typeof rule.fixed === "string") return rule.fixed;
    if (inputs.some((el) => el.closest("[data-show-if]")?.hidden)) return "";
    // Radio buttons and a multiple choice's boxes send only the ticked ones, joined as the
    // server joins repeated answers.
    const ticked = (el) => el.type !== "checkbox" && el.type !== "radio" ? [el.value] : el.checked ? [el.value] : el.dataset.default ? [el.dataset.default] : [];
    return inputs.flatMap(ticked).join(", ");
  };
  const update = () => {
    // In page order: a condition only looks at a question above it, already decided.
    for (const item of rules) {
      const same = fold(answer(item)) === fold(item.rule.value);
      item.box.hidden = item.rule.op === "is" ? !same : same;
      for (const note of item.notes) note.hidden = true;
    }
  };
  form.addEventListener("input", update);
  form.addEventListener("change", update);
  update();
})();
