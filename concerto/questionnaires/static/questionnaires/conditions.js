// Progressive enhancement: hide conditional questions whose condition is not met.
// Without JavaScript every question shows with its condition spelled out, and the
// server ignores answers to questions whose condition is not met.
(function () {
  "use strict";
  var form = document.getElementById("questionnaire-form");
  if (!form) {
    return;
  }
  var blocks = Array.prototype.slice.call(form.querySelectorAll("[data-condition-source]"));

  function answersTo(name) {
    var values = [];
    form.querySelectorAll('[name="' + name + '"]').forEach(function (input) {
      var given = input.type === "radio" || input.type === "checkbox" ? input.checked : input.value;
      if (given) {
        values.push(input.value);
      }
    });
    return values;
  }

  function update() {
    // Blocks come in the questionnaire's order, so a source is updated before its dependents.
    blocks.forEach(function (block) {
      var source = document.getElementById("question-" + block.dataset.conditionSourceId);
      var wanted = JSON.parse(block.dataset.conditionValues);
      var met = answersTo(block.dataset.conditionSource).some(function (value) {
        return wanted.indexOf(value) !== -1;
      });
      block.hidden = !met || Boolean(source && source.hidden);
    });
  }

  form.addEventListener("change", update);
  update();
})();
