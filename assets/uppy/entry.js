// The resumable-upload client of the photo desk: Uppy's core and its tus
// plugin, bundled into static/vendor/uppy/ by `npm run build` here, so the
// site itself needs no npm. static/js/bulk_upload.js uses window.RacingUppy.
import Uppy from "@uppy/core";
import Tus from "@uppy/tus";

window.RacingUppy = { Uppy, Tus };
