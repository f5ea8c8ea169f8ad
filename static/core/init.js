// Starts GOV.UK Frontend's components (error summary focus, service navigation menu,
// tabs, checkboxes...). Loaded as a module: browsers without modules keep the plain pages.
// Content that htmx swaps in (the inside of a target such as the lead page's #lead, from
// its own _*.html fragment) gets its components started too: a new error summary or
// success banner then takes focus, as after a full page load.
import { initAll } from "../vendor/govuk-frontend/govuk-frontend.min.js";

initAll();

document.body.addEventListener("htmx:afterSettle", (event) => {
  const scope = event.detail.elt;
  if (scope instanceof HTMLElement && scope.isConnected) {
    initAll({ scope });
  }
});

// A row that htmx added ("Add another language") takes focus at its first control.
document.body.addEventListener("htmx:afterSettle", () => {
  const row = document.querySelector("[data-focus-after-swap]");
  if (row) {
    row.removeAttribute("data-focus-after-swap");
    const control = row.querySelector("select, input, textarea");
    if (control) {
      control.focus();
    }
  }
});
