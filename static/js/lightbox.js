/* Gallery lightbox and the credit line's copy button.

   Without JavaScript every thumbnail is a plain link to its photo page. With it,
   a click opens the photo in a native <dialog> (focus stays inside, Escape
   closes it, focus returns to the thumbnail); arrow keys, the buttons and a
   swipe move through the page's photos, and the caption announces "Photo n of
   total". All text comes from the page, translated by the server. */
(function () {
  "use strict";

  function initLightbox() {
    var dialog = document.querySelector("[data-lightbox-dialog]");
    var links = Array.prototype.slice.call(document.querySelectorAll("[data-gallery] a[data-lightbox]"));
    if (!dialog || !links.length || typeof dialog.showModal !== "function") {
      return;
    }
    // The <img> is made here, not in the page: an <img> without a source
    // is invalid HTML until the first photo is shown.
    var image = document.createElement("img");
    image.className = "lightbox-image";
    image.setAttribute("data-lightbox-image", "");
    image.alt = "";
    dialog.querySelector("[data-lightbox-figure]").prepend(image);
    var counter = dialog.querySelector("[data-lightbox-counter]");
    var text = dialog.querySelector("[data-lightbox-text]");
    var credit = dialog.querySelector("[data-lightbox-credit]");
    var pageLink = dialog.querySelector("[data-lightbox-link]");
    var prev = dialog.querySelector("[data-lightbox-prev]");
    var next = dialog.querySelector("[data-lightbox-next]");
    var close = dialog.querySelector("[data-lightbox-close]");
    var current = 0;

    function show(index) {
      current = (index + links.length) % links.length;
      var link = links[current];
      var thumb = link.querySelector("img");
      image.removeAttribute("src");
      image.srcset = link.dataset.srcset || "";
      image.sizes = "100vw";
      image.src = link.dataset.src;
      image.width = Number(link.dataset.width);
      image.height = Number(link.dataset.height);
      image.alt = thumb ? thumb.alt : "";
      counter.textContent = counter.dataset.template
        .replace("{n}", String(current + 1))
        .replace("{total}", String(links.length));
      text.textContent = link.dataset.caption || "";
      credit.textContent = link.dataset.credit || "";
      pageLink.href = link.href;
      prev.hidden = next.hidden = links.length < 2;
    }

    function open(index) {
      show(index);
      if (!dialog.open) {
        dialog.showModal();
      }
      close.focus();
    }

    links.forEach(function (link, index) {
      link.addEventListener("click", function (event) {
        if (event.ctrlKey || event.metaKey || event.shiftKey || event.button !== 0) {
          return; // let "open in new tab" work
        }
        event.preventDefault();
        open(index);
      });
    });

    prev.addEventListener("click", function () { show(current - 1); });
    next.addEventListener("click", function () { show(current + 1); });
    close.addEventListener("click", function () { dialog.close(); });
    dialog.addEventListener("close", function () { links[current].focus(); });
    dialog.addEventListener("click", function (event) {
      if (event.target === dialog) {
        dialog.close(); // a click on the backdrop
      }
    });
    dialog.addEventListener("keydown", function (event) {
      if (event.key === "ArrowLeft") {
        event.preventDefault();
        show(current - 1);
      } else if (event.key === "ArrowRight") {
        event.preventDefault();
        show(current + 1);
      }
    });

    var startX = null;
    dialog.addEventListener("pointerdown", function (event) {
      startX = event.pointerType === "mouse" ? null : event.clientX;
    });
    dialog.addEventListener("pointerup", function (event) {
      if (startX === null) {
        return;
      }
      var distance = event.clientX - startX;
      startX = null;
      if (Math.abs(distance) > 50) {
        show(current + (distance < 0 ? 1 : -1));
      }
    });
  }

  function initCopy() {
    document.querySelectorAll("[data-copy]").forEach(function (button) {
      var field = document.getElementById(button.dataset.copy);
      if (!field || !navigator.clipboard) {
        return; // the field stays selectable by hand
      }
      button.hidden = false;
      var label = button.textContent;
      button.addEventListener("click", function () {
        navigator.clipboard.writeText(field.value).then(function () {
          button.textContent = button.dataset.copied;
          setTimeout(function () { button.textContent = label; }, 2000);
        }, function () {
          field.select();
        });
      });
    });
  }

  initLightbox();
  initCopy();
})();
