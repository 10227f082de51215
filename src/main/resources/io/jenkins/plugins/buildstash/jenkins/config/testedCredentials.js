// "Test connection" beside a credentials drop-down that also accepts a parameter expression (<c:select
// expressionAllowed="true"/>): that control holds two fields named credentialsId, the drop-down and, after it, the
// expression box, and a validate button sends the nearest one before it, the expression box, even while the
// drop-down is in use. Just before the button sends, this copies the value of the mode in use into the hidden field
// the button sends instead. The field sits in a field-disabled block, so the saved form never contains it.
(function () {
  function precedingInForm(button, selector) {
    var form = button.closest("form") || document;
    var found = null;
    form.querySelectorAll(selector).forEach(function (e) {
      if (e.compareDocumentPosition(button) & Node.DOCUMENT_POSITION_FOLLOWING) {
        found = e;
      }
    });
    return found;
  }

  function selectedCredentialsId(control) {
    var param = control.querySelector("input.credentials-select-radio-control[value='param']");
    if (param && param.checked) {
      var expression = control.querySelector(".credentials-select-content-param input");
      return expression ? expression.value : "";
    }
    var select = control.querySelector(".credentials-select-content-select select");
    return select ? select.value : "";
  }

  document.addEventListener(
    "click",
    function (event) {
      var button = event.target.closest ? event.target.closest(".buildstash-test-connection") : null;
      if (!button) {
        return;
      }
      var control = precedingInForm(button, ".credentials-select-control");
      var tested = precedingInForm(button, "input.buildstash-tested-credentials");
      if (control && tested) {
        tested.value = selectedCredentialsId(control);
      }
    },
    true,
  );
})();
