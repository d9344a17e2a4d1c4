// Checks a published draw in the reader's browser, as `concerto sortition verify` does
// (concerto/engines/sortition/lottery.py): the lottery file's SHA-256 fingerprint of its
// canonical JSON (each ticket's ids sorted, no spaces), then the ticket number the seed
// designates: SHA-256("concerto-sortition-v1:" + seed + ":" + counter) read as a
// 256-bit integer x, kept when x < 2^256 - (2^256 mod m), the number being x mod m + 1.
"use strict";
(function () {
  const SEED_PREFIX = "concerto-sortition-v1:";
  const TWO_256 = 2n ** 256n;

  async function sha256Hex(text) {
    const bytes = new TextEncoder().encode(text);
    const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", bytes));
    return Array.from(digest, (b) => b.toString(16).padStart(2, "0")).join("");
  }

  function canonical(tickets) {
    // Python's sorted() on ids compares code points; the ids are ASCII, where the
    // default sort of JavaScript compares the same way.
    return JSON.stringify(tickets.map((ticket) => [...ticket].sort()));
  }

  async function drawNumber(seed, m) {
    const limit = TWO_256 - (TWO_256 % BigInt(m));
    for (let counter = 0; ; counter += 1) {
      const x = BigInt("0x" + (await sha256Hex(SEED_PREFIX + seed + ":" + counter)));
      if (x < limit) return Number(x % BigInt(m)) + 1;
    }
  }

  function say(box, lines) {
    box.replaceChildren(...lines.map(([text, ok]) => {
      const alert = document.createElement("div");
      alert.className = "fr-alert fr-alert--sm fr-mb-1w " + (ok ? "fr-alert--success" : "fr-alert--error");
      const p = document.createElement("p");
      p.textContent = text;
      alert.append(p);
      return alert;
    }));
  }

  async function check(draw, box) {
    const data = draw.dataset;
    box.textContent = data.checking;
    try {
      const response = await fetch(data.lotteryUrl, { credentials: "same-origin" });
      const lottery = await response.json();
      const digest = await sha256Hex(canonical(lottery.tickets));
      const m = lottery.tickets.length;
      const fill = (text, number) => text.replace("{number}", number).replace("{m}", m);
      const lines = [[digest === data.digest ? data.digestOk : data.digestKo, digest === data.digest]];
      // Before the seed: the fingerprint only. Before the draw is published: the number
      // the seed designates. Once published: that number against the published one.
      if (data.seed !== undefined) {
        const number = await drawNumber(data.seed, m);
        if (data.number === undefined) {
          lines.push([fill(data.numberIs, number), true]);
        } else {
          const ok = String(number) === data.number;
          lines.push([fill(ok ? data.numberOk : data.numberKo, number), ok]);
        }
      }
      say(box, lines);
    } catch (error) {
      box.textContent = data.failed;
    }
  }

  for (const draw of document.querySelectorAll(".draw[data-lottery-url]")) {
    const button = draw.querySelector(".verify-button");
    const box = draw.querySelector(".verify-result");
    if (!button || !box || !window.crypto || !crypto.subtle) continue;
    button.hidden = false;
    button.addEventListener("click", () => check(draw, box));
  }
})();
