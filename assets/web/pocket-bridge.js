// Hands the pocket agenda the app wrote (localStorage, via SharedPreferences) to our service worker.
(function () {
  'use strict';
  if (!('serviceWorker' in navigator) || !window.localStorage) return;
  var KEY = 'flutter.delegate_companion.pocket';
  var SETTINGS = 'flutter.delegate_companion.settings';
  var WORKER = document.currentScript.getAttribute('data-worker');
  navigator.serviceWorker.register(WORKER).catch(function (e) {
    console.warn('pocket agenda: no service worker', e);
  });
  var last;
  function message(raw) {
    try {
      var value = JSON.parse(JSON.parse(raw));
      if (value && value.pages) return { type: 'store', owner: value.owner, lang: value.lang, pages: value.pages };
    } catch (e) { /* empty or damaged: clear */ }
    return { type: 'clear' };
  }
  function language() {
    try {
      return JSON.parse(JSON.parse(localStorage.getItem(SETTINGS))).language || null;
    } catch (e) {
      return null;
    }
  }
  function check() {
    var raw = localStorage.getItem(KEY);
    var lang = language();
    var state = raw + '|' + lang;
    if (state === last) return;
    last = state; // posted once, even while the worker is still installing
    navigator.serviceWorker.ready.then(function (registration) {
      if (!registration.active) {
        last = undefined;
        return;
      }
      var update = message(raw);
      if (update.type === 'store' && lang) update.lang = lang; // the app's language now
      registration.active.postMessage(update);
    });
  }
  check();
  setInterval(check, 1000);
})();
