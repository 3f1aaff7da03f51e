// Drives the two embedded simulators of docs.html (the light embed, ../embed/) through portsim's
// postMessage API:
//   request  { portsim: verb, args: [...], id }   (verbs: loadScenario, runUntil, runToEnd, step, report, trace, now)
//   reply    { portsim: "result", id, value }      posted back to this window by the iframe.
// Each embed opens on its scenario run to the end; once it answers, this page asks it for the run's
// end and report and writes the totals into the prose (status and reason in words, never raw ids).
// The embed's own clock bar is the only Run to end button.
(function () {
  "use strict";

  var nextId = 1;
  var pending = new Map();

  window.addEventListener("message", function (event) {
    var data = event.data;
    if (!data || data.portsim !== "result" || !pending.has(data.id)) return;
    var entry = pending.get(data.id);
    if (entry.source !== event.source) return;
    pending.delete(data.id);
    clearTimeout(entry.timer);
    entry.resolve(data.value);
  });

  function call(frame, verb, args, timeoutMs) {
    return new Promise(function (resolve, reject) {
      var target = frame.contentWindow;
      if (!target) { reject(new Error("the simulator frame is not loaded")); return; }
      var id = nextId++;
      var timer = setTimeout(function () {
        pending.delete(id);
        reject(new Error("no answer from the simulator to " + verb));
      }, timeoutMs || 5000);
      pending.set(id, { resolve: resolve, timer: timer, source: target });
      // Addressed to the embed's own origin; the embed answers only its parent, at this page's origin.
      target.postMessage({ portsim: verb, args: args || [], id: id }, new URL(frame.src, location.href).origin);
    });
  }

  // The app inside the iframe installs its listener once its WebAssembly has started: ask "now"
  // until it answers.
  function whenReady(frame) {
    var tries = 0;
    return new Promise(function (resolve, reject) {
      (function attempt() {
        tries += 1;
        call(frame, "now", [], 400).then(resolve, function () {
          if (tries >= 50) reject(new Error("the simulator did not start"));
          else attempt();
        });
      })();
    });
  }

  function pad(n) { return (n < 10 ? "0" : "") + n; }
  function clock(ms) {
    var s = Math.floor(ms / 1000);
    return pad(Math.floor(s / 3600)) + ":" + pad(Math.floor(s / 60) % 60) + ":" + pad(s % 60);
  }

  // The report's ids in the words of the BizTalk console ("suspended-resumable" → "Suspended (resumable)").
  var STATUS = {
    "completed": "Completed",
    "active": "Active",
    "suspended-resumable": "Suspended (resumable)",
    "suspended-not-resumable": "Suspended (not resumable)"
  };
  function words(id) { return String(id).replace(/-/g, " "); }
  function statusText(inst) {
    var status = STATUS[inst.status] || words(inst.status);
    return inst.reason ? status + " — " + words(inst.reason) : status;
  }

  function showReport(demo, report) {
    var totals = (report && report.totals) || {};
    demo.result.querySelectorAll("[data-total]").forEach(function (el) {
      var value = totals[el.getAttribute("data-total")];
      el.textContent = value === undefined ? "?" : String(value);
    });
    demo.result.querySelectorAll("[data-attempts]").forEach(function (list) {
      var message = list.getAttribute("data-attempts");
      list.textContent = "";
      (report.instances || []).filter(function (i) { return i.message === message; }).forEach(function (inst) {
        (inst.attempts || []).forEach(function (a) {
          var li = document.createElement("li");
          li.textContent = clock(a.startMs) + " — " + a.transport + " (" + a.address + "): " + (a.ok ? "delivered" : "failed");
          list.appendChild(li);
        });
        var last = document.createElement("li");
        last.textContent = "Status at the end: " + statusText(inst);
        list.appendChild(last);
      });
    });
  }

  document.querySelectorAll("[data-portsim-demo]").forEach(function (root) {
    var demo = {
      frame: root.querySelector("iframe"),
      status: root.querySelector(".demo-status"),
      result: document.getElementById(root.getAttribute("data-result"))
    };
    // The frames load lazily: ask once the frame has loaded (scrolled into view).
    demo.frame.addEventListener("load", function () {
      whenReady(demo.frame)
        .then(function () { return call(demo.frame, "runToEnd", [], 30000); })
        .then(function (endMs) {
          demo.status.textContent = "The simulator ran this scenario to its end at " + clock(Number(endMs) || 0) +
            "; the figures below come from its report.";
          return call(demo.frame, "report", []);
        })
        .then(function (report) { showReport(demo, report); })
        .catch(function (err) { demo.status.textContent = "Could not read the simulator: " + err.message; });
    });
  });
})();
