// Charts and maps with JavaScript (generic: it knows pictures only by data attributes, and
// is delegated, so pictures that arrive later by morphing work too). Without it, each mark's
// own <title> gives the detail on hover and every link works; with it:
// - a hover detail that follows the pointer ([data-tip] inside [data-picture]), and the same
//   detail below a mark whose link has the keyboard's focus;
// - Download PNG ([data-png]): the picture's SVG drawn into a canvas at twice its size.
// The page is marked "can-picture" so the PNG button shows only when this script runs.
(() => {
  document.documentElement.classList.add("can-picture");
  let tip = null;
  const hide = () => {
    if (tip) tip.hidden = true;
  };
  const show = (mark) => {
    // The SVG's own tooltip would show as well: the mark's <title> is set aside while hovered.
    const title = mark.querySelector(":scope > title");
    if (title) title.remove();
    if (!tip) {
      tip = document.createElement("div");
      tip.className = "picture-tip";
      tip.setAttribute("role", "status");
    }
    if (!tip.isConnected) document.body.append(tip);
    tip.textContent = mark.getAttribute("data-tip");
    tip.hidden = false;
  };
  document.addEventListener("pointerover", (event) => {
    const mark = event.target instanceof Element ? event.target.closest("[data-picture] [data-tip]") : null;
    if (!mark) return hide();
    show(mark);
  });
  // A mark reached with the keyboard (Tab to its link): the same detail, below the mark.
  document.addEventListener("focusin", (event) => {
    const link = event.target instanceof Element ? event.target.closest("[data-picture] svg a") : null;
    const mark = link?.querySelector("[data-tip]");
    if (!mark) return hide();
    show(mark);
    const box = mark.getBoundingClientRect();
    const x = Math.min(box.left + box.width / 2 - tip.offsetWidth / 2, window.innerWidth - tip.offsetWidth - 8);
    tip.style.left = `${Math.max(8, x)}px`;
    tip.style.top = `${Math.min(box.bottom + 8, window.innerHeight - tip.offsetHeight - 8)}px`;
  });
  document.addEventListener("focusout", hide);
  document.addEventListener("pointermove", (event) => {
    if (!tip || tip.hidden) return;
    const x = Math.min(event.clientX + 14, window.innerWidth - tip.offsetWidth - 8);
    tip.style.left = `${Math.max(8, x)}px`;
    tip.style.top = `${event.clientY + 16}px`;
  });
  document.addEventListener("pointerout", (event) => {
    if (event.target instanceof Element && event.target.closest("[data-tip]")) hide();
  });

  document.addEventListener("click", (event) => {
    const button = event.target instanceof Element ? event.target.closest("button[data-png]") : null;
    const svg = button?.closest("[data-picture]")?.querySelector("svg");
    if (!button || !svg) return;
    const width = Number(svg.getAttribute("width")) || 760;
    const height = Number(svg.getAttribute("height")) || 420;
    const image = new Image();
    image.onload = () => {
      const canvas = document.createElement("canvas");
      canvas.width = width * 2;
      canvas.height = height * 2;
      const context = canvas.getContext("2d");
      context.scale(2, 2);
      context.drawImage(image, 0, 0, width, height);
      canvas.toBlob((blob) => {
        if (!blob) return;
        const link = document.createElement("a");
        link.href = URL.createObjectURL(blob);
        const name = (svg.querySelector("title")?.textContent || "picture").replace(/[^\w-]+/g, "-").replace(/^-+|-+$/g, "").slice(0, 60);
        link.download = `${name || "picture"}.png`;
        document.body.append(link);
        link.click();
        link.remove();
        setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
      }, "image/png");
    };
    image.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(new XMLSerializer().serializeToString(svg))}`;
  });
})();
