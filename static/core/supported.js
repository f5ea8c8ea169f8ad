// Runs first thing in <body>: tells GOV.UK Frontend's CSS that its JavaScript will run
// (browsers that run ES modules), so components style themselves for it without a flash.
document.body.classList.add("js-enabled");
if ("noModule" in HTMLScriptElement.prototype) {
  document.body.classList.add("govuk-frontend-supported");
}
