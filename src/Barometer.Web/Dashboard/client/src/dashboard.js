// Draws every chart of a dashboard page. The page is complete without this script: each chart's spec (Vega-Lite,
// built on the server from the same cube as the chart's data table) sits in a <script type="application/json">
// beside the element it is drawn into, and the table, summary and download links are plain HTML.
import embed from "vega-embed";

const locales = {
  sv: {
    number: { decimal: ",", thousands: "\u00a0", grouping: [3], currency: ["", "\u00a0kr"], minus: "\u2212" },
    time: {
      dateTime: "%A %e %B %Y kl. %X", date: "%Y-%m-%d", time: "%H:%M:%S", periods: ["fm", "em"],
      days: ["söndag", "måndag", "tisdag", "onsdag", "torsdag", "fredag", "lördag"],
      shortDays: ["sön", "mån", "tis", "ons", "tor", "fre", "lör"],
      months: ["januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti", "september", "oktober", "november", "december"],
      shortMonths: ["jan", "feb", "mar", "apr", "maj", "jun", "jul", "aug", "sep", "okt", "nov", "dec"],
    },
  },
  en: {
    number: { decimal: ".", thousands: ",", grouping: [3], currency: ["SEK\u00a0", ""] },
    time: {
      dateTime: "%a %e %b %Y %X", date: "%Y-%m-%d", time: "%H:%M:%S", periods: ["AM", "PM"],
      days: ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"],
      shortDays: ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"],
      months: ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"],
      shortMonths: ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"],
    },
  },
};

async function draw(target) {
  const source = document.getElementById(target.dataset.spec);
  if (!source) return;
  const spec = JSON.parse(source.textContent);
  // The figure's caption already names the chart (the report keeps the spec's own title).
  delete spec.title;
  const lang = document.documentElement.lang === "en" ? "en" : "sv";
  try {
    await embed(target, spec, {
      renderer: "svg",
      actions: false,
      formatLocale: locales[lang].number,
      timeFormatLocale: locales[lang].time,
      config: { autosize: { type: "fit-x", contains: "padding" } },
    });
    // The container is role="img" labelled with the chart's summary; the drawing itself is decoration for
    // assistive technology (its numbers are in the data table beside it).
    const svg = target.querySelector("svg");
    if (svg) svg.setAttribute("aria-hidden", "true");
    target.dataset.rendered = "true";
    if (!window.__firstChartDrawn) {
      window.__firstChartDrawn = performance.now();
      performance.mark("barometer:first-chart");
    }
  } catch (error) {
    target.dataset.rendered = "error";
    console.error("chart", target.dataset.spec, error);
  }
}

// The share button of each chart: saves the chart's API query as a saved query and shows the link to its table
// (the saved query's data as an HTML table; the API's other formats by outputFormat).
function enableSharing() {
  for (const share of document.querySelectorAll("[data-share-table]")) {
    const button = share.querySelector("button");
    const result = share.querySelector(".share-result");
    if (!button || !result) continue;
    share.hidden = false;
    button.addEventListener("click", async () => {
      button.disabled = true;
      try {
        const response = await fetch("/api/v2/savedqueries", {
          method: "POST",
          headers: { "Content-Type": "application/json" },
          body: JSON.stringify({
            tableId: share.dataset.shareTable,
            language: share.dataset.shareLang,
            selection: JSON.parse(share.dataset.shareSelection),
            outputFormat: "html",
          }),
        });
        if (response.status !== 201) throw new Error(`status ${response.status}`);
        const saved = await response.json();
        const url = new URL(`/api/v2/savedqueries/${encodeURIComponent(saved.id)}/data`, window.location.href).href;
        const link = document.createElement("a");
        link.href = url;
        link.textContent = url;
        link.dataset.sharedQuery = saved.id;
        result.replaceChildren(document.createTextNode(share.dataset.shareDone + " "), link);
      } catch (error) {
        result.textContent = share.dataset.shareFailed;
        console.error("share", error);
      } finally {
        button.disabled = false;
      }
    });
  }
}

async function start() {
  enableSharing();
  // One chart after the other, in page order: the first one is drawn as soon as possible and the page stays
  // responsive while the rest follow.
  for (const target of document.querySelectorAll("[data-spec]")) {
    await draw(target);
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
  document.documentElement.dataset.chartsDrawn = "true";
}

if (document.readyState === "loading") {
  document.addEventListener("DOMContentLoaded", start);
} else {
  start();
}
