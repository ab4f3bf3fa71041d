// Cascading province > regency > district > village selects; works on any container
// marked data-region-cascade whose selects carry data-region-level.
(function () {
  const order = ["province", "regency", "district", "village"];
  function fill(select, items) {
    const blank = select.options.length ? select.options[0].text : "-Pilih-";
    select.innerHTML = "";
    select.add(new Option(blank, ""));
    items.forEach((r) => select.add(new Option(r.name, r.code)));
  }
  document.querySelectorAll("[data-region-cascade]").forEach((box) => {
    const url = box.dataset.regionUrl.replace(/\/$/, "");
    const selects = order.map((lvl) => box.querySelector(`[data-region-level="${lvl}"]`));
    selects.forEach((select, i) => {
      if (!select || i === selects.length - 1) return;
      select.addEventListener("change", async () => {
        for (let j = i + 1; j < selects.length; j++) if (selects[j]) fill(selects[j], []);
        if (!select.value) return;
        const res = await fetch(`${url}/${encodeURIComponent(select.value)}`);
        if (res.ok) fill(selects[i + 1], await res.json());
      });
    });
  });
})();
