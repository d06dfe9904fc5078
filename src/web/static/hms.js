// hms.js — the few things the pages do with JavaScript that htmx does not (the CSP allows no
// inline script, so they live here). Without it every page still works.
//
// The main navigation's menus: the layout renders each group as <details><summary>Stock</summary>
// <ul>…</ul></details>, which opens and closes without JavaScript. Here each one becomes a
// disclosure button, <button aria-expanded="false" aria-controls="nav-menu-stock">, with its
// list hidden until opened:
// - Enter or Space (or a click) opens and closes it; opening one closes the others;
// - Escape closes it and puts the focus back on its button;
// - ↓ on the button opens it and focuses its first page, ↑ ↓ Home End move between its pages;
// - Tab out of a menu, or a click anywhere else, closes it.
(function () {
  'use strict';

  const toggles = [];

  function close(button, focus) {
    if (button.getAttribute('aria-expanded') !== 'true') return;
    button.setAttribute('aria-expanded', 'false');
    document.getElementById(button.getAttribute('aria-controls')).hidden = true;
    if (focus) button.focus();
  }

  function open(button) {
    for (const other of toggles) if (other !== button) close(other, false);
    button.setAttribute('aria-expanded', 'true');
    document.getElementById(button.getAttribute('aria-controls')).hidden = false;
  }

  function links(button) {
    return [...document.getElementById(button.getAttribute('aria-controls')).querySelectorAll('a')];
  }

  function enhance(details) {
    const summary = details.querySelector('summary');
    const menu = details.querySelector('ul');
    const button = document.createElement('button');
    button.type = 'button';
    button.className = summary.className;
    button.textContent = summary.textContent;
    if (summary.hasAttribute('aria-current')) button.setAttribute('aria-current', summary.getAttribute('aria-current'));
    button.setAttribute('aria-expanded', 'false');
    button.setAttribute('aria-controls', menu.id);
    menu.hidden = true;
    details.replaceWith(button, menu);
    toggles.push(button);
    const group = button.parentElement;

    button.addEventListener('click', () => {
      if (button.getAttribute('aria-expanded') === 'true') close(button, false);
      else open(button);
    });
    group.addEventListener('keydown', (e) => {
      const items = links(button);
      const at = items.indexOf(document.activeElement);
      let next = null;
      if (e.key === 'Escape') {
        close(button, true);
      } else if (e.key === 'ArrowDown') {
        if (at < 0) open(button);
        next = items[Math.min(at + 1, items.length - 1)];
      } else if (e.key === 'ArrowUp' && at >= 0) {
        next = at === 0 ? button : items[at - 1];
      } else if (e.key === 'Home' && at >= 0) {
        next = items[0];
      } else if (e.key === 'End' && at >= 0) {
        next = items[items.length - 1];
      } else {
        return;
      }
      e.preventDefault();
      if (next) next.focus();
    });
    group.addEventListener('focusout', (e) => {
      if (e.relatedTarget && !group.contains(e.relatedTarget)) close(button, false);
    });
  }

  for (const details of document.querySelectorAll('details[data-nav-menu]')) enhance(details);
  document.addEventListener('click', (e) => {
    for (const button of toggles) if (!button.parentElement.contains(e.target)) close(button, false);
  });
})();
