// Delegate Companion: a personal link (/join/<code>) leaves no code in the address bar or history.
//
// The app reads the code from the first route, then asks for a neutral route (/agenda) at once,
// valid code or not. Flutter's router can only push, so the /join/ entry would stay in the
// history, and Back would show the code again (and sign in again). The push that leaves a /join/
// address replaces it instead. Flutter keeps its own count in each entry's state, which we keep.
(function () {
  'use strict';
  var JOIN = /\/join\/[^/?#]+\/?$/;
  var push = history.pushState;
  if (!JOIN.test(location.pathname) || typeof push !== 'function') return;
  history.pushState = function (state, title, url) {
    if (JOIN.test(location.pathname)) return history.replaceState(state, title, url);
    return push.apply(history, arguments);
  };
})();
