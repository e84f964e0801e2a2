// Starts Swagger UI (shipped by the fastapi-offline package, served from /static/swagger) on
// this server's OpenAPI description. A file, not an inline script: the Content-Security-Policy
// allows scripts from this server only.
window.addEventListener("DOMContentLoaded", function () {
  "use strict";
  window.ui = window.SwaggerUIBundle({
    url: "/openapi.json",
    dom_id: "#swagger-ui",
    deepLinking: true,
    presets: [window.SwaggerUIBundle.presets.apis],
    layout: "BaseLayout",
    validatorUrl: null,
  });
});
