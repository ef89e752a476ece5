/* Bulk upload on the photo desk, resumable: each file goes up in 5 MB chunks
   over tus (Uppy with its tus plugin, static/vendor/uppy/), so a dropped
   connection costs at most the chunk in flight; when the network comes back
   the upload goes on from the last chunk the server kept, with retries and
   back-off. Each file has its own <progress> bar, state and result lines;
   two files travel at a time. The batch fields (licence, credit, caption,
   drivers...) are read when a file is added and sent with it. Before a file
   is sent, the page asks whether the gallery holds it already (by its
   SHA-256): a card dropped again sends only its new photos. All text comes
   from the page. */
(function () {
  "use strict";

  var form = document.getElementById("batch-form");
  if (!form || !window.RacingUppy) {
    return;
  }
  var inputs = form.querySelectorAll("[data-file-input]");
  var zone = form.querySelector("[data-drop-zone]");
  var list = document.querySelector("[data-upload-list]");
  var summary = document.querySelector("[data-upload-summary]");
  var network = document.querySelector("[data-upload-network]");
  var text = list.dataset;
  var counts = { total: 0, done: 0, created: 0, duplicate: 0, refused: 0 };
  var items = {};
  var CHUNK = 5 * 1024 * 1024;
  var csrf = form.querySelector("[name=csrfmiddlewaretoken]").value;
  // Files wait here to be compared with the gallery, one at a time.
  var queue = [];
  var comparing = false;

  var uppy = new window.RacingUppy.Uppy({
    autoProceed: true,
    allowMultipleUploadBatches: true,
  });
  uppy.use(window.RacingUppy.Tus, {
    endpoint: form.dataset.tusUrl,
    chunkSize: CHUNK,
    limit: 2,
    // Back-off: a media centre's network can be gone for a minute.
    retryDelays: [0, 1000, 3000, 5000, 10000, 20000, 30000, 60000, 60000],
    headers: { "X-CSRFToken": csrf },
    removeFingerprintOnSuccess: true,
    allowedMetaFields: true,
  });

  function updateSummary() {
    summary.textContent = summary.dataset.template
      .replace("{done}", counts.done)
      .replace("{total}", counts.total)
      .replace("{created}", counts.created)
      .replace("{duplicate}", counts.duplicate)
      .replace("{refused}", counts.refused);
  }

  function setState(item, state) {
    item.querySelector(".upload-state").textContent = state;
  }

  function addMessage(item, status, message) {
    var line = document.createElement("p");
    line.className = "upload-message upload-" + status;
    line.textContent = message;
    item.appendChild(line);
  }

  function settle(item, status) {
    item.dataset.status = status;
    item.querySelector("progress").value = 100;
    setState(item, "");
    counts.done += 1;
    updateSummary();
  }

  function finish(file, status) {
    settle(items[file.id], status);
    delete items[file.id];
    uppy.removeFile(file.id);
  }

  function batchMeta() {
    var data = new FormData(form);
    var meta = { drivers: data.getAll("drivers").join(",") };
    ["licence", "credit", "caption", "alt_text", "session"].forEach(function (name) {
      meta[name] = data.get(name) || "";
    });
    meta.is_published = data.get("is_published") ? "on" : "";
    return meta;
  }

  function showItem(file) {
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
    state.textContent = text.waiting;
    item.appendChild(name);
    item.appendChild(bar);
    item.appendChild(state);
    list.appendChild(item);
    return item;
  }

  function add(files) {
    var meta = batchMeta();
    Array.prototype.forEach.call(files, function (file) {
      queue.push({ file: file, meta: meta, item: showItem(file) });
      counts.total += 1;
    });
    updateSummary();
    compareNext();
  }

  function hex(digest) {
    return Array.prototype.map
      .call(new Uint8Array(digest), function (byte) {
        return ("0" + byte.toString(16)).slice(-2);
      })
      .join("");
  }

  // The gallery's answer for a file it holds already, else null. Without
  // WebCrypto (a page not served over HTTPS) every file is sent, and the
  // server skips what it has. A zip is never a photo of the gallery, and a
  // file larger than a photo may be is refused anyway: neither is read into
  // memory to be hashed (a zip of a day's photos would not fit on a phone).
  function alreadyHere(file) {
    var zip = /\.zip$/i.test(file.name) || file.type === "application/zip";
    if (!window.crypto || !window.crypto.subtle || !file.arrayBuffer || zip ||
        file.size > Number(form.dataset.maxPhotoBytes)) {
      return Promise.resolve(null);
    }
    return file
      .arrayBuffer()
      .then(function (data) {
        return window.crypto.subtle.digest("SHA-256", data);
      })
      .then(function (digest) {
        return fetch(form.dataset.knownUrl, {
          method: "POST",
          credentials: "same-origin",
          headers: {
            "Content-Type": "application/json",
            Accept: "application/json",
            "X-CSRFToken": csrf,
          },
          body: JSON.stringify({ files: [{ name: file.name, sha256: hex(digest) }] }),
        });
      })
      .then(function (reply) {
        return reply.ok ? reply.json() : { results: [] };
      })
      .then(function (body) {
        return (body.results && body.results[0]) || null;
      });
  }

  function send(job) {
    try {
      var id = uppy.addFile({
        name: job.file.name,
        type: job.file.type,
        data: job.file,
        meta: job.meta,
      });
      items[id] = job.item;
      setState(job.item, text.waiting);
    } catch (error) {
      // The same file twice in one go: it is already on its way.
      job.item.remove();
      counts.total -= 1;
      updateSummary();
    }
  }

  function compareNext() {
    if (comparing || !queue.length) {
      return;
    }
    comparing = true;
    var job = queue.shift();
    setState(job.item, text.checking);
    alreadyHere(job.file)
      .then(
        function (known) {
          if (known) {
            counts.duplicate += 1;
            addMessage(job.item, "duplicate", known.message);
            settle(job.item, "duplicate");
          } else {
            send(job);
          }
        },
        function () {
          send(job); // offline or unreadable: send it, the server checks
        }
      )
      .then(function () {
        comparing = false;
        compareNext();
      });
  }

  uppy.on("upload-progress", function (file, progress) {
    var item = items[file.id];
    if (item && progress.bytesTotal) {
      item.querySelector("progress").value = Math.round(
        (progress.bytesUploaded / progress.bytesTotal) * 95
      );
      setState(item, navigator.onLine === false ? text.offline : text.sending);
    }
  });

  function everyItem(state) {
    Object.keys(items).forEach(function (id) {
      var file = uppy.getFile(id);
      if (file && file.progress && file.progress.uploadStarted) {
        setState(items[id], state);
      }
    });
  }

  uppy.on("is-offline", function () {
    network.textContent = text.offline;
    everyItem(text.offline);
  });
  uppy.on("back-online", function () {
    network.textContent = "";
    everyItem(text.resuming);
  });

  uppy.on("upload-success", function (file, response) {
    var item = items[file.id];
    setState(item, text.checking);
    fetch(response.uploadURL, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (reply) {
        return reply.json();
      })
      .then(function (body) {
        if (!body.results || !body.results.length) {
          throw new Error("no results");
        }
        var worst = "created";
        body.results.forEach(function (result) {
          counts[result.status] = (counts[result.status] || 0) + 1;
          addMessage(item, result.status, result.message);
          if (result.status === "refused" || (result.status === "duplicate" && worst === "created")) {
            worst = result.status;
          }
        });
        finish(file, worst);
      })
      .catch(function () {
        counts.refused += 1;
        addMessage(item, "refused", file.name + ": " + text.failed);
        finish(file, "refused");
      });
  });

  uppy.on("upload-error", function (file, error, response) {
    var item = items[file.id];
    if (!item) {
      return;
    }
    var message = null;
    try {
      message = JSON.parse(response.body.xhr.responseText).error;
    } catch (ignored) {
      message = null;
    }
    if (message) {
      counts.refused += 1;
      addMessage(item, "refused", message);
      finish(file, "refused");
      return;
    }
    // Out of retries with the network still away: keep what arrived and
    // offer to go on from there.
    setState(item, text.stopped);
    var retry = document.createElement("button");
    retry.type = "button";
    retry.className = "button upload-retry";
    retry.textContent = text.retry;
    retry.addEventListener("click", function () {
      retry.remove();
      setState(item, text.resuming);
      uppy.retryUpload(file.id);
    });
    item.appendChild(retry);
  });

  Array.prototype.forEach.call(inputs, function (input) {
    input.addEventListener("change", function () {
      add(input.files);
      input.value = "";
    });
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
