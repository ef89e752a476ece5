// The photo's focal point: a click on the preview sets "focal point across /
// down" (percent) and moves the marker. The fields stay editable by hand.
(function () {
  "use strict";
  function setUp(picker) {
    const image = picker.querySelector("img");
    const marker = picker.querySelector(".focal-marker");
    const across = document.getElementById("id_focal_x");
    const down = document.getElementById("id_focal_y");
    if (!image || !marker || !across || !down) return;
    function place() {
      marker.style.left = across.value + "%";
      marker.style.top = down.value + "%";
      marker.hidden = false;
    }
    image.addEventListener("click", function (event) {
      const box = image.getBoundingClientRect();
      const x = Math.round(((event.clientX - box.left) / box.width) * 100);
      const y = Math.round(((event.clientY - box.top) / box.height) * 100);
      across.value = Math.min(100, Math.max(0, x));
      down.value = Math.min(100, Math.max(0, y));
      place();
    });
    across.addEventListener("input", place);
    down.addEventListener("input", place);
    place();
  }
  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("[data-focal-picker]").forEach(setUp);
  });
})();
