// The check desk's page: upload a workbook or a zip, show the findings unit by unit, offer the
// downloads. Every word comes from the catalogue through /api/words; no script, font or style
// is loaded from elsewhere (the intranet has no internet, and the CSP forbids it).
'use strict';

const desk = {
  lang: new URLSearchParams(location.search).get('lang') || 'zh',
  words: {},
  clearances: {},
  severities: {},
  token: sessionStorage.getItem('jianfu-token') || '',
  file: null,
  report: null,
};

const $ = (id) => document.getElementById(id);
const t = (key) => desk.words['page-' + key] || key;

function headers() {
  return desk.token ? { Authorization: 'Bearer ' + desk.token } : {};
}

// An upload's text (a unit's or a sheet's name, a cell, a line) shown as written, except what
// would hide or reorder it: controls and bidirectional or line-separator marks are replaced as
// the command line's reports replace them (source::printable in the Rust code).
function printable(value) {
  return String(value)
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '?')
    .replace(/[\u0080-\u009f]/g, '\u00bf')
    .replace(/[\u200e\u200f\u2028-\u202e\u2066-\u2069]/g, '\ufffd');
}

function text(tag, content, className) {
  const node = document.createElement(tag);
  if (content !== undefined && content !== null) node.textContent = printable(content);
  if (className) node.className = className;
  return node;
}

async function loadWords() {
  const response = await fetch('/api/words?lang=' + encodeURIComponent(desk.lang));
  const body = await response.json();
  desk.words = body.words;
  desk.clearances = body.clearances;
  desk.severities = body.severities;
  desk.lang = body.lang;
  document.documentElement.lang = desk.lang === 'zh' ? 'zh-CN' : desk.lang;
  document.title = t('title');
  for (const [id, key] of [
    ['title', 'title'], ['intro', 'intro'], ['drop-text', 'drop'], ['choose', 'choose'],
    ['accepts', 'accepts'], ['summary-title', 'summary'], ['token-label', 'token'],
    ['token-send', 'token-send'], ['language', 'language'],
    ['download-annotated', 'download-annotated'], ['download-json', 'download-json'],
    ['download-sarif', 'download-sarif'], ['download-ledger', 'download-ledger'],
  ]) {
    $(id).textContent = t(key);
  }
  if (desk.report) render(desk.report);
}

function showError(message) {
  const box = $('error');
  box.textContent = printable(message);
  box.hidden = false;
}

// POST the file; resolve with the response body (text or blob), report upload progress.
function post(path, file, as) {
  return new Promise((resolve, reject) => {
    const form = new FormData();
    form.append('file', file, file.name);
    const request = new XMLHttpRequest();
    request.open('POST', path + (path.includes('?') ? '&' : '?') + 'lang=' + desk.lang);
    for (const [name, value] of Object.entries(headers())) request.setRequestHeader(name, value);
    request.responseType = as;
    const progress = $('progress');
    request.upload.onprogress = (event) => {
      if (!event.lengthComputable) return;
      progress.hidden = false;
      progress.value = Math.round((event.loaded / event.total) * 100);
      $('status').textContent = t('uploading') + ' ' + progress.value + '%';
    };
    request.upload.onload = () => { $('status').textContent = t('checking'); };
    request.onload = async () => {
      progress.hidden = true;
      if (request.status === 200) { resolve(request.response); return; }
      const body = as === 'blob' ? await request.response.text() : request.response;
      let message = t('failed');
      try { message = JSON.parse(body).message || message; } catch (_) { /* not JSON */ }
      reject({ status: request.status, message });
    };
    request.onerror = () => { progress.hidden = true; reject({ status: 0, message: t('failed') }); };
    request.send(form);
  });
}

async function check(file) {
  desk.file = file;
  desk.report = null;
  $('error').hidden = true;
  $('result').hidden = true;
  $('status').textContent = t('checking');
  try {
    const body = await post('/api/check', file, 'text');
    desk.report = JSON.parse(body);
    desk.reportText = body;
    $('status').textContent = '';
    render(desk.report);
  } catch (problem) {
    $('status').textContent = '';
    if (problem.status === 401) $('token-form').hidden = false;
    showError(problem.message);
  }
}

function where(finding) {
  if (finding.sheet) {
    const cell = finding.cell ? ' ' + t('cell') + ' ' + finding.cell : '';
    return '「' + finding.sheet + '」' + cell;
  }
  const file = finding.file.split('/').pop();
  return file + ' ' + t('line') + ' ' + finding.line + ' ' + t('column') + ' ' + finding.column;
}

// The offending row (header: value, the finding's cell marked), or the line of a text file.
function excerpt(finding) {
  const box = text('div', null, 'excerpt');
  if (finding.row) {
    finding.row.forEach((cell, index) => {
      if (index > 0) box.append(' │ ');
      const shown = text(cell.finding ? 'mark' : 'span', cell.header + '：' + cell.value);
      box.append(shown);
    });
  } else if (finding.source_line) {
    box.append(text('code', finding.source_line));
  }
  return box;
}

function render(report) {
  const summary = report.summary;
  const counts = summary.by_severity || {};
  // The catalogue's sentence, its %name% slots filled with the report's counts.
  const figures = {
    units: summary.units, clean: summary.units_clean, findings: summary.findings,
    errors: counts.error || 0, warnings: counts.warning || 0, notices: counts.info || 0,
    waived: summary.waived,
  };
  $('summary').textContent = t('summary-line').replace(/%(\w+)%/g, (_, name) => figures[name] ?? '');
  const table = $('clearances');
  table.replaceChildren();
  const head = document.createElement('tr');
  head.append(text('th', t('by-clearance')), text('th', t('count')));
  table.append(head);
  for (const [key, count] of Object.entries(summary.by_clearance || {})) {
    const row = document.createElement('tr');
    row.append(text('td', desk.clearances[key] || key), text('td', count, 'number'));
    table.append(row);
  }
  const units = new Map();
  for (const finding of report.findings) {
    const key = finding.unit || finding.file.split('/').slice(0, -1).join('/') || finding.file;
    if (!units.has(key)) units.set(key, { finding, list: [] });
    units.get(key).list.push(finding);
  }
  const container = $('units');
  container.replaceChildren();
  for (const [key, unit] of units) {
    const section = text('section', null, 'unit');
    const name = [unit.finding.unit || '', unit.finding.unit_name || key].join(' ').trim();
    section.append(text('h3', name + '（' + unit.list.length + ' ' + t('problems') + '）'));
    const list = text('table', null, 'findings');
    const header = document.createElement('tr');
    for (const key of ['severity', 'where', 'message', 'basis', 'fix']) header.append(text('th', t(key)));
    list.append(header);
    for (const finding of unit.list) {
      const row = document.createElement('tr');
      row.className = finding.waived ? 'waived' : finding.severity;
      row.dataset.rule = finding.rule;
      const severity = finding.waived ? t('waived') : desk.severities[finding.severity];
      const message = text('td', finding.message + ' [' + finding.rule + ']', 'message');
      message.append(excerpt(finding));
      row.append(
        text('td', severity, 'severity'),
        text('td', where(finding), 'where'),
        message,
        text('td', finding.basis, 'basis'),
        text('td', finding.help, 'fix'),
      );
      list.append(row);
    }
    section.append(list);
    container.append(section);
  }
  $('result').hidden = false;
}

function save(blob, name) {
  const link = document.createElement('a');
  link.href = URL.createObjectURL(blob);
  link.download = name;
  document.body.append(link);
  link.click();
  setTimeout(() => { URL.revokeObjectURL(link.href); link.remove(); }, 1000);
}

function stem() {
  return (desk.file ? desk.file.name.replace(/\.[^.]*$/, '') : 'jianfu');
}

async function download(kind) {
  if (!desk.file) return;
  try {
    if (kind === 'json') {
      save(new Blob([desk.reportText], { type: 'application/json' }), stem() + '.json');
    } else if (kind === 'sarif') {
      const body = await post('/api/check?format=sarif', desk.file, 'text');
      save(new Blob([body], { type: 'application/sarif+json' }), stem() + '.sarif');
    } else if (kind === 'ledger') {
      const blob = await post('/api/ledger', desk.file, 'blob');
      save(blob, stem() + '-' + t('ledger-file') + '.xlsx');
    } else {
      const blob = await post('/api/annotate', desk.file, 'blob');
      const zip = blob.type === 'application/zip';
      save(blob, stem() + '-' + t('annotated-file') + (zip ? '.zip' : '.xlsx'));
    }
    $('status').textContent = '';
  } catch (problem) {
    showError(problem.message);
  }
}

function start() {
  const drop = $('drop');
  drop.addEventListener('dragover', (event) => { event.preventDefault(); drop.classList.add('over'); });
  drop.addEventListener('dragleave', () => drop.classList.remove('over'));
  drop.addEventListener('drop', (event) => {
    event.preventDefault();
    drop.classList.remove('over');
    if (event.dataTransfer.files.length) check(event.dataTransfer.files[0]);
  });
  $('file').addEventListener('change', (event) => {
    if (event.target.files.length) check(event.target.files[0]);
  });
  $('token-form').addEventListener('submit', (event) => {
    event.preventDefault();
    desk.token = $('token').value.trim();
    sessionStorage.setItem('jianfu-token', desk.token);
    $('token-form').hidden = true;
    if (desk.file) check(desk.file);
  });
  $('language').addEventListener('click', () => {
    desk.lang = desk.lang === 'zh' ? 'en' : 'zh';
    loadWords();
  });
  $('download-annotated').addEventListener('click', () => download('annotated'));
  $('download-json').addEventListener('click', () => download('json'));
  $('download-sarif').addEventListener('click', () => download('sarif'));
  $('download-ledger').addEventListener('click', () => download('ledger'));
  loadWords();
}

start();
