/* Bulk upload on the photo desk: each file is its own request, with its own
   <progress> bar and result line, so a failure on one file keeps the others.
   Two files travel at a time; the batch fields (licence, credit, caption,
   drivers...) are sent with every file. All text comes from the page. */
(function () {
  "use strict";

  var form = document.getElementById("batch-form");
  if (!form) {
    return;
  }
  var input = form.querySelector("[data-file-input]");
  var zone = form.querySelector("[data-drop-zone]");
  var list = document.querySelector("[data-upload-list]");
  var summary = document.querySelector("[data-upload-summary]");
  var url = form.dataset.uploadUrl;
  var queue = [];
  var running = 0;
  var PARALLEL = 2;
  var counts = { total: 0, done: 0, created: 0, duplicate: 0, refused: 0 };

  function updateSummary() {
    summary.textContent = summary.dataset.template
      .replace("{done}", counts.done)
      .replace("{total}", counts.total)
      .replace("{created}", counts.created)
      .replace("{duplicate}", counts.duplicate)
      .replace("{refused}", counts.refused);
  }

  function addMessage(item, status, text) {
    var line = document.createElement("p");
    line.className = "upload-message upload-" + status;
    line.textContent = text;
    item.appendChild(line);
  }

  function finish(item, status) {
    item.dataset.status = status;
    item.querySelector("progress").value = 100;
    counts.done += 1;
    updateSummary();
    running -= 1;
    next();
  }

  function send(entry) {
    var item = entry.item;
    var data = new FormData(form);
    data.delete("file");
    data.append("file", entry.file, entry.file.name);
    var xhr = new XMLHttpRequest();
    xhr.open("POST", url);
    xhr.setRequestHeader("X-Requested-With", "XMLHttpRequest");
    item.querySelector(".upload-state").textContent = list.dataset.sending;
    xhr.upload.addEventListener("progress", function (event) {
      if (event.lengthComputable) {
        item.querySelector("progress").value = Math.round((event.loaded / event.total) * 95);
      }
    });
    xhr.addEventListener("load", function () {
      var body = null;
      try {
        body = JSON.parse(xhr.responseText);
      } catch (error) {
        body = null;
      }
      item.querySelector(".upload-state").textContent = "";
      if (xhr.status === 200 && body && body.results) {
        var worst = "created";
        body.results.forEach(function (result) {
          counts[result.status] = (counts[result.status] || 0) + 1;
          addMessage(item, result.status, result.message);
          if (result.status === "refused" || (result.status === "duplicate" && worst === "created")) {
            worst = result.status;
          }
        });
        finish(item, worst);
      } else {
        counts.refused += 1;
        addMessage(item, "refused", entry.file.name + ": " + ((body && body.error) || list.dataset.failed));
        finish(item, "refused");
      }
    });
    xhr.addEventListener("error", function () {
      counts.refused += 1;
      item.querySelector(".upload-state").textContent = "";
      addMessage(item, "refused", entry.file.name + ": " + list.dataset.failed);
      finish(item, "refused");
    });
    xhr.send(data);
  }

  function next() {
    while (running < PARALLEL && queue.length) {
      running += 1;
      send(queue.shift());
    }
  }

  function add(files) {
    Array.prototype.forEach.call(files, function (file) {
      var item = document.createElement("li");
      item.className = "upload-item";
      var name = document.createElement("span");
      name.className = "upload-name";
      name.textContent = file.name;
      var bar = document.createElement("progress");
      bar.max = 100;
      bar.value = 0;
      bar.setAttribute("aria-label", file.name);
      var state = document.createElement("span");
      state.className = "upload-state";
      state.textContent = list.dataset.waiting;
      item.appendChild(name);
      item.appendChild(bar);
      item.appendChild(state);
      list.appendChild(item);
      queue.push({ file: file, item: item });
      counts.total += 1;
    });
    updateSummary();
    next();
  }

  input.addEventListener("change", function () {
    add(input.files);
    input.value = "";
  });
  ["dragenter", "dragover"].forEach(function (type) {
    zone.addEventListener(type, function (event) {
      event.preventDefault();
      zone.classList.add("is-dragging");
    });
  });
  ["dragleave", "drop"].forEach(function (type) {
    zone.addEventListener(type, function (event) {
      event.preventDefault();
      zone.classList.remove("is-dragging");
    });
  });
  zone.addEventListener("drop", function (event) {
    if (event.dataTransfer && event.dataTransfer.files.length) {
      add(event.dataTransfer.files);
    }
  });
  form.addEventListener("submit", function (event) {
    event.preventDefault();
  });
})();
