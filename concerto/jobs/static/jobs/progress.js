// Polls the job's status and updates the page until the job is finished; a page that
// shows the job's outcome itself (data-reload="true") is reloaded then.
(function () {
  const root = document.getElementById("job");
  if (!root || root.dataset.finished === "true") return;
  const bar = document.getElementById("job-progress");
  const state = document.getElementById("job-state");
  const result = document.getElementById("job-result");

  async function poll() {
    const response = await fetch(root.dataset.statusUrl, { headers: { Accept: "application/json" } });
    if (!response.ok) return;
    const job = await response.json();
    if (job.finished && root.dataset.reload === "true") {
      window.location.reload();
      return;
    }
    if (job.percent !== null) bar.value = job.percent;
    let text = job.status_label;
    if (job.total) text += " — " + job.done + " / " + job.total;
    if (job.message) text += " — " + job.message;
    state.textContent = text;
    if (job.result_url && result) {
      result.querySelector("a").href = job.result_url;
      result.hidden = false;
    }
    if (!job.finished) setTimeout(poll, 1500);
  }
  setTimeout(poll, 1000);
})();
