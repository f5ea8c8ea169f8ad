// Starts GOV.UK Frontend's components (error summary focus, service navigation menu,
// tabs, checkboxes...). Loaded as a module: browsers without modules keep the plain pages.
import { initAll } from "../vendor/govuk-frontend/govuk-frontend.min.js";

initAll();
