// Citations: highlight the sentence a link lands on, open what hides it, and offer the way
// back to where the reader was (the file report) or to the story (the web UI: history).
(function () {
  function target() {
    var id = location.hash.slice(1);
    try { id = decodeURIComponent(id); } catch (e) { /* a stray % in a hand-typed address: use it as it is */ }
    return id ? document.getElementById(id) : null;
  }
  function highlight() {
    document.querySelectorAll('.hl').forEach(function (e) { e.classList.remove('hl'); });
    var el = target();
    if (!el) return;
    for (var d = el.closest('details'); d; d = d.parentElement && d.parentElement.closest('details')) d.open = true;
    el.classList.add('hl');
    el.scrollIntoView({block: 'center'});
  }
  var stack = [];
  var back = document.querySelector('button.back');
  document.addEventListener('click', function (event) {
    var link = event.target.closest && event.target.closest('a[href^="#"]');
    if (!link || !back || link.classList.contains('skip-back')) return;
    stack.push(window.scrollY);
    back.hidden = false;
  });
  if (back) back.addEventListener('click', function () {
    if (!stack.length) return;
    var y = stack.pop();
    history.replaceState(null, '', location.pathname + location.search);
    document.querySelectorAll('.hl').forEach(function (e) { e.classList.remove('hl'); });
    window.scrollTo(0, y);
    back.hidden = stack.length === 0;
  });
  var up = document.querySelector('a[data-testid="back"][data-history]');
  if (up) up.addEventListener('click', function (event) {
    if (document.referrer && document.referrer.indexOf(location.origin + '/') === 0 && history.length > 1) {
      event.preventDefault();
      history.back();
    }
  });
  window.addEventListener('hashchange', highlight);
  window.addEventListener('load', highlight);
})();
