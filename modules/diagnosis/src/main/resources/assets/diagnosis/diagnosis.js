// Safer Cities Kit, diagnosis: the progress of a running import (the CSP forbids inline script).
(function () {
  'use strict';
  document.addEventListener('DOMContentLoaded', function () {
    var box = document.querySelector('[data-job-status]');
    if (!box) { return; }
    var bar = box.querySelector('progress');
    var text = box.querySelector('.job-text');
    var timer = window.setInterval(function () {
      fetch(box.getAttribute('data-job-status'), { headers: { Accept: 'application/json' }, credentials: 'same-origin' })
        .then(function (r) { return r.json(); })
        .then(function (s) {
          if (s.running) {
            bar.value = s.percent;
            text.textContent = s.text;
          } else {
            window.clearInterval(timer);
            window.location.reload();
          }
        })
        .catch(function () { window.clearInterval(timer); });
    }, 700);
  });
}());

// A print button (the report): the browser's print dialog also saves the A4 document as PDF.
document.addEventListener('DOMContentLoaded', function () {
  'use strict';
  document.querySelectorAll('[data-print]').forEach(function (b) {
    b.addEventListener('click', function () { window.print(); });
  });
});
