// Loaded by /docs; a file rather than an inline script so the page works under a strict
// Content-Security-Policy (script-src 'self').
window.addEventListener("load", function () {
  window.ui = SwaggerUIBundle({
    url: document.body.dataset.openapiUrl,
    dom_id: "#swagger-ui",
    deepLinking: true,
    persistAuthorization: false,
    tryItOutEnabled: false,
    // Offline: no badge from validator.swagger.io.
    validatorUrl: null,
  });
});
