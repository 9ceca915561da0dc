// Safer Cities Kit: the only script of the platform pages (no inline script: the CSP forbids it).
// Everything works without it except uploads, which it sends as the raw body with a progress bar.
(function () {
  'use strict';
  document.documentElement.classList.add('js');

  document.addEventListener('DOMContentLoaded', function () {
    // A select marked data-autosubmit submits its form when changed (language menu, year).
    document.querySelectorAll('select[data-autosubmit]').forEach(function (select) {
      select.addEventListener('change', function () { select.form.submit(); });
    });

    // Forms marked data-confirm ask before they are sent (delete, disable).
    document.querySelectorAll('form[data-confirm]').forEach(function (form) {
      form.addEventListener('submit', function (event) {
        if (!window.confirm(form.getAttribute('data-confirm'))) { event.preventDefault(); }
      });
    });

    // Uploads: the file goes as the request body with the CSRF token in a header; the server answers
    // {"redirect": url} or {"error": message} in the user's language.
    document.querySelectorAll('form[data-upload]').forEach(function (form) {
      form.addEventListener('submit', function (event) {
        event.preventDefault();
        var input = form.querySelector('input[type=file]');
        var bar = form.querySelector('progress');
        var error = form.querySelector('.upload-error');
        var button = form.querySelector('button[type=submit]');
        if (!input.files.length) { input.focus(); return; }
        var file = input.files[0];
        var xhr = new XMLHttpRequest();
        xhr.open('POST', form.getAttribute('action'));
        xhr.setRequestHeader('Content-Type', 'application/octet-stream');
        xhr.setRequestHeader('X-CSRF-Token', form.getAttribute('data-csrf'));
        xhr.setRequestHeader('X-File-Name', encodeURIComponent(file.name));
        xhr.setRequestHeader('Accept', 'application/json');
        error.hidden = true;
        bar.hidden = false;
        bar.value = 0;
        button.disabled = true;
        xhr.upload.onprogress = function (e) {
          if (e.lengthComputable) { bar.value = Math.round(100 * e.loaded / e.total); }
        };
        xhr.onload = function () {
          var answer = {};
          try { answer = JSON.parse(xhr.responseText); } catch (ignored) { answer = {}; }
          if (xhr.status < 300 && answer.redirect) { window.location.assign(answer.redirect); return; }
          fail(answer.error || xhr.statusText);
        };
        xhr.onerror = function () { fail(form.getAttribute('data-network-error')); };
        function fail(message) {
          bar.hidden = true;
          button.disabled = false;
          error.textContent = message;
          error.hidden = false;
          error.focus();
        }
        xhr.send(file);
      });
    });

    // A running backup shows its progress and the page reloads when it ends.
    var backup = document.querySelector('[data-backup-status]');
    if (backup && !backup.hidden) {
      var timer = window.setInterval(function () {
        fetch(backup.getAttribute('data-backup-status'), { headers: { Accept: 'application/json' }, credentials: 'same-origin' })
          .then(function (r) { return r.json(); })
          .then(function (s) {
            if (s.running) { backup.textContent = s.text; } else { window.clearInterval(timer); window.location.reload(); }
          })
          .catch(function () { window.clearInterval(timer); });
      }, 1000);
    }
  });
}());
