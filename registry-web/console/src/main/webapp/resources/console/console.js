/* The console's own script (loaded from a file: the Content-Security-Policy allows no inline script but
   PrimeFaces' nonce'd ones). Live updates: the <f:websocket> of a page calls registryEvent with each event the
   server pushes to this person; a page that shows the object the event is about refreshes its live parts. */
window.registryEvent = function (message) {
  var live = document.querySelectorAll('[data-live-refresh]');
  var text = typeof message === 'string' ? message : JSON.stringify(message);
  for (var i = 0; i < live.length; i++) {
    var about = live[i].getAttribute('data-live-about');
    if (!about || text.indexOf(about) >= 0) {
      var command = live[i].getAttribute('data-live-refresh');
      if (typeof window[command] === 'function') {
        window[command]();
      }
    }
  }
};
