// IKM report filters: the "Ke" select lists the months, quarters or semesters of the chosen
// period kind (the server accepts any and falls back to the current period when out of range).
(function () {
  'use strict';
  var form = document.getElementById('ikm-filters');
  if (!form) return;
  var numbers = JSON.parse(form.getAttribute('data-period-numbers'));
  var kind = form.querySelector('#f-periode'), number = form.querySelector('#f-ke');
  kind.addEventListener('change', function () {
    var keep = number.value;
    number.innerHTML = '';
    numbers[kind.value].forEach(function (pair) {
      var option = document.createElement('option');
      option.value = pair[0];
      option.textContent = pair[1];
      if (String(pair[0]) === keep) option.selected = true;
      number.appendChild(option);
    });
    number.disabled = kind.value === 'tahun';
  });
  form.setAttribute('data-ready', '1');
})();
