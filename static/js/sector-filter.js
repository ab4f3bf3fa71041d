// The permit editor's Bidang list shows the sectors of the Dinas chosen above it: a select
// marked data-sector-of="<id of the Dinas select>" whose options carry data-agency. Without
// this script every sector is listed and the server refuses another Dinas's sector next to
// the field (catalogue/references.py sector_issue), so this only spares the admin the trip.
// The sector the page came with stays listed (a refused choice is shown beside its message)
// until the Dinas is changed.
(function () {
  function cascade(sector, agency) {
    const all = Array.from(sector.options);
    let kept = sector.value;
    function filter() {
      const chosen = agency.value;
      const fits = (o) => !o.value || !chosen || o.dataset.agency === chosen || o.value === kept;
      const current = sector.value;
      const shown = all.filter(fits);
      sector.replaceChildren(...shown);
      sector.value = shown.some((o) => o.value === current) ? current : "";
    }
    filter();
    agency.addEventListener("change", () => {
      kept = null;
      filter();
    });
    sector.setAttribute("data-ready", "1");
  }
  function start() {
    document.querySelectorAll("select[data-sector-of]").forEach((sector) => {
      const agency = document.getElementById(sector.dataset.sectorOf);
      if (agency) cascade(sector, agency);
    });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
