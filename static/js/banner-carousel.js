/* The home page's banners turn every 7 seconds (WCAG 2.2.2 asks for a way to stop moving
   content): the pause button stops and restarts them, and keyboard focus inside the banners
   stops them, as a pointer over them does. While they turn, a screen reader is not told of
   each new slide (aria-live off); once stopped, a slide chosen with the arrows is read. */
(function () {
  'use strict';
  var box = document.getElementById('banner-carousel');
  var button = box && box.querySelector('[data-carousel-pause]');
  if (!button || !window.bootstrap) { return; }
  var inner = box.querySelector('.carousel-inner');
  var interval = parseInt(box.getAttribute('data-bs-interval') || '7000', 10);
  function paused() { return button.getAttribute('aria-pressed') === 'true'; }
  function set(stop) {
    var old = window.bootstrap.Carousel.getInstance(box);
    if (old) { old.dispose(); }
    var carousel = new window.bootstrap.Carousel(box, stop ? { interval: false, ride: false }
      : { interval: interval, ride: 'carousel' });
    if (!stop) { carousel.cycle(); }
    button.setAttribute('aria-pressed', stop ? 'true' : 'false');
    inner.setAttribute('aria-live', stop ? 'polite' : 'off');
  }
  inner.setAttribute('aria-live', 'off');
  button.addEventListener('click', function () { set(!paused()); });
  box.addEventListener('focusin', function (event) {
    if (event.target !== button && !paused()) { set(true); }
  });
})();
