// Delegate Companion: the moment the phone loses its network, say so and offer the offline copy.
//
// The live app is drawn by the server. Offline, a tap reaches nobody and nothing on screen says
// why; a stalled connection can take minutes to fail. The browser knows at once (`offline`), and
// our service worker keeps the pocket agenda with the safety card: a reload while offline opens it.
// The sentences come from the app's catalogs (data-texts, written when the client is generated).
(function () {
  'use strict';
  var script = document.currentScript;
  var TEXTS = {};
  try {
    TEXTS = JSON.parse(script.getAttribute('data-texts')) || {};
  } catch (e) {
    return;
  }
  var SETTINGS = 'flutter.delegate_companion.settings';
  var bar = null;

  function language() {
    try {
      var saved = JSON.parse(JSON.parse(localStorage.getItem(SETTINGS))).language;
      if (TEXTS[saved]) return saved;
    } catch (e) { /* not saved yet: the browser's */ }
    var tags = navigator.languages || [navigator.language || 'en'];
    for (var i = 0; i < tags.length; i++) {
      var code = String(tags[i]).split('-')[0].toLowerCase();
      if (TEXTS[code]) return code;
    }
    return 'en';
  }

  function show() {
    var words = TEXTS[language()] || TEXTS.en;
    if (bar || !words || !document.body) return;
    bar = document.createElement('div');
    bar.id = 'dc-offline';
    bar.setAttribute('role', 'alert');
    bar.style.cssText =
      'position:fixed;left:0;right:0;top:0;z-index:2147483647;display:flex;flex-wrap:wrap;gap:8px 12px;' +
      'align-items:center;padding:10px 16px;background:#1d2433;color:#fff;' +
      'font:15px/1.35 system-ui,-apple-system,Roboto,sans-serif;box-shadow:0 2px 6px #0004';
    var text = document.createElement('span');
    text.style.flex = '1 1 200px';
    text.textContent = words.text;
    var open = document.createElement('button');
    open.type = 'button';
    open.textContent = words.action;
    open.style.cssText =
      'min-height:48px;padding:0 14px;border:0;border-radius:24px;background:#fff;' +
      'color:#0b5fa5;font:600 15px system-ui,-apple-system,Roboto,sans-serif;cursor:pointer';
    open.addEventListener('click', function () {
      window.location.reload(); // offline, the service worker answers with the pocket agenda
    });
    bar.appendChild(text);
    bar.appendChild(open);
    document.body.appendChild(bar);
  }

  function hide() {
    if (bar) bar.remove();
    bar = null;
  }

  window.addEventListener('offline', show);
  window.addEventListener('online', hide);
  if (navigator.onLine === false) window.addEventListener('DOMContentLoaded', show);
})();
