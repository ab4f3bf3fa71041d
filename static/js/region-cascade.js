// Cascading province > regency > district > village selects, two markups:
// - a container marked data-region-cascade whose selects carry data-region-level (a region
//   field drawn whole, and the location step's four selects);
// - a select carrying data-region-within="<id of the select one level up>" and
//   data-region-url (a region field lying within another, drawn as its own select).
// Typing a name in a select passes through other regions on the way (K: Kalimantan Barat,
// then Tengah, then Timur), each asking for its list; answers can arrive in another order, so
// a list is filled only if its select still holds the region it was asked for.
(function () {
  const order = ["province", "regency", "district", "village"];
  function fill(select, items) {
    const blank = select.options.length ? select.options[0].text : "-Pilih-";
    select.innerHTML = "";
    select.add(new Option(blank, ""));
    items.forEach((r) => select.add(new Option(r.name, r.code)));
  }
  async function children(url, code) {
    const res = await fetch(`${url.replace(/\/$/, "")}/${encodeURIComponent(code)}`);
    return res.ok ? res.json() : [];
  }
  document.querySelectorAll("[data-region-cascade]").forEach((box) => {
    const url = box.dataset.regionUrl;
    const selects = order.map((lvl) => box.querySelector(`[data-region-level="${lvl}"]`));
    selects.forEach((select, i) => {
      if (!select || i === selects.length - 1) return;
      select.addEventListener("change", async () => {
        for (let j = i + 1; j < selects.length; j++) if (selects[j]) fill(selects[j], []);
        const code = select.value;
        if (!code) return;
        const items = await children(url, code);
        if (select.value === code) fill(selects[i + 1], items);  // a later choice's list wins
      });
    });
  });
  document.querySelectorAll("select[data-region-within]").forEach((select) => {
    const parent = document.getElementById(select.dataset.regionWithin);
    if (!parent) return;
    parent.addEventListener("change", async () => {
      fill(select, []);
      select.dispatchEvent(new Event("change"));  // empties the levels below this one too
      const code = parent.value;
      if (!code) return;
      const items = await children(select.dataset.regionUrl, code);
      if (parent.value === code) fill(select, items);  // a later choice's list wins
    });
  });
})();
