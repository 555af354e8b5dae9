// A tab left open across a server restart (every deploy) must recover by itself.
//
// The Flutter client reconnects its WebSocket with the old session id. A restarted server
// does not know that session and starts a new one, but the client keeps its old screen and
// controls, so the new session's first calls never get an answer: an error, then a white
// page, reload after reload. So before a reconnecting socket sends anything, ask the server
// whether it is still the same process (the ETag of "/" changes with every start; flet
// writes the page anew). Same server: carry on, the session resumes. New server: forget the
// old session and load the page afresh.
(function () {
  "use strict";
  const SESSION_KEY = "_flet_session_id";
  const Native = window.WebSocket;
  const stamp = () =>
    fetch(document.baseURI, { method: "HEAD", cache: "no-store" })
      .then((r) => r.headers.get("etag") || r.headers.get("last-modified"))
      .catch(() => null);
  const first = stamp();
  let sockets = 0;

  function reload() {
    try {
      window.sessionStorage.removeItem(SESSION_KEY);
      window.sessionStorage.removeItem("flutter." + SESSION_KEY);
    } catch (e) {
      /* storage may be off; the reload still starts a fresh session */
    }
    window.location.reload();
  }

  function Guarded(url, protocols) {
    const socket = protocols === undefined ? new Native(url) : new Native(url, protocols);
    sockets += 1;
    if (sockets === 1) return socket; // the page's first connection: nothing to resume
    const send = socket.send.bind(socket);
    const held = [];
    let verdict = null;
    socket.send = function (data) {
      if (verdict === "same") return send(data);
      held.push(data);
      if (held.length > 1) return undefined;
      Promise.all([first, stamp()]).then(([before, now]) => {
        if (before && now && before !== now) {
          verdict = "new";
          reload();
          return;
        }
        verdict = "same";
        held.splice(0).forEach(send);
      });
      return undefined;
    };
    return socket;
  }
  Guarded.prototype = Native.prototype;
  for (const key of ["CONNECTING", "OPEN", "CLOSING", "CLOSED"]) Guarded[key] = Native[key];
  window.WebSocket = Guarded;
})();
