// Safer Cities Kit, review and exchange: the print button of the review report, and the export job's progress
// (the page polls its status and reloads itself when the job ends). No inline script: the CSP forbids it.
(function () {
  'use strict';
  document.addEventListener('DOMContentLoaded', function () {
    document.querySelectorAll('[data-print]').forEach(function (b) {
      b.addEventListener('click', function () { window.print(); });
    });
    var job = document.querySelector('[data-export-status]');
    if (job) {
      var bar = job.querySelector('progress');
      var text = job.querySelector('.job-text');
      var timer = window.setInterval(function () {
        fetch(job.getAttribute('data-export-status'), { headers: { Accept: 'application/json' }, credentials: 'same-origin' })
          .then(function (r) { return r.json(); })
          .then(function (s) {
            if (bar) { bar.value = s.percent; }
            if (text) { text.textContent = s.text; }
            if (!s.running) { window.clearInterval(timer); window.location.reload(); }
          })
          .catch(function () { window.clearInterval(timer); });
      }, 700);
    }
  });
}());
