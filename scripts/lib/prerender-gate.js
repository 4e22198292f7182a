/*
 * Runs before the body is parsed (a blocking script in <head>; a file, so a strict CSP allows it). The prerendered
 * page in index.html is the bare URL (or its canonical query, which the page writes back) in English with the
 * automatic theme (src/app/prerender.tsx). Any other visit (another query such as an embed's, a Chinese browser,
 * a remembered theme) must not flash it: hide it at once, and main.tsx starts from an empty page as before.
 * Mirrors detectLang (src/state/i18n) and the theme key of urlSync. The build writes the query in
 * (scripts/lib/prerender-plugin.ts).
 */
(function () {
  var other = location.search.length > 1 && location.search !== __PRERENDER_QUERY__;
  var langs = navigator.languages || [navigator.language || ''];
  for (var i = 0; i < langs.length && !other; i++) {
    var l = String(langs[i]).toLowerCase();
    if (l.indexOf('zh') === 0) other = true;
    if (l.indexOf('en') === 0) break;
  }
  try {
    var theme = localStorage.getItem('gcv.theme');
    if (theme && theme !== 'auto') other = true;
  } catch {
    // A sandboxed frame without same-origin throws here; it has no remembered theme either.
  }
  if (other) document.documentElement.setAttribute('data-prerender', 'off');
})();
