// Extension-host tests of generation and review: a real run against the test teacher (a real
// HTTP server speaking the OpenAI protocol, in this process), the key in SecretStorage, the
// status bar before/during/after, CodeLens and hover on the seed file, decisions by command.
import assert from 'node:assert/strict';
import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import * as vscode from 'vscode';
import { startTestTeacher, type TestTeacher } from '../../teacher/server.ts';
import { eventually, test } from './harness.ts';
import { api, config, workspaceDir } from './seedsmithHost.ts';

const SECRET = 'sk-seedsmith-SECRET-4f2a9c';
const BUDGET = 6;
const seedUri = () => vscode.Uri.file(path.join(workspaceDir(), 'good.jsonl'));
let teacher: TestTeacher | undefined;


async function filesUnder(dir: string): Promise<string[]> {
  const found: string[] = [];
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch {
    return found;
  }
  for (const entry of entries) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) found.push(...(await filesUnder(full)));
    else found.push(full);
  }
  return found;
}

test('every command is registered', async () => {
  await api();
  const commands = await vscode.commands.getCommands(true);
  for (const id of ['generate', 'stop', 'setApiKey', 'clearApiKey', 'testConnection', 'review.accept', 'review.reject', 'review.skip', 'review.undo', 'showSamplesForLine']) {
    assert.ok(commands.includes(`seedsmith.${id}`), `seedsmith.${id} is not registered`);
  }
});

test('without a key, Generate is blocked with the fix named', async () => {
  const seedsmith = await api();
  await vscode.commands.executeCommand('seedsmith.clearApiKey');
  await config().update('teacher.model', 'seedsmith-teacher', vscode.ConfigurationTarget.Global);
  await vscode.commands.executeCommand('seedsmith.selectSeedFile', seedUri());
  const blocked = await eventually(() => {
    const reason = seedsmith.sidebarSnapshot().run.blocked;
    return reason && /API key/.test(reason.message) ? reason : undefined;
  }, 'Generate to be blocked for want of a key');
  assert.equal(blocked.fix?.intent.type, 'setApiKey');
});

test('settings changes apply without a reload', async () => {
  const seedsmith = await api();
  await config().update('generation.strategy', 'question-rephrase', vscode.ConfigurationTarget.Global);
  await eventually(() => (seedsmith.sidebarSnapshot().strategy.choice === 'question-rephrase' ? true : undefined), 'the strategy setting to show');
  await config().update('generation.strategy', 'answer-augmentation', vscode.ConfigurationTarget.Global);
  await eventually(() => (seedsmith.sidebarSnapshot().strategy.choice === 'answer-augmentation' ? true : undefined), 'the strategy setting to change back');
});

test('a run against the teacher: status bar before, during and after; the key only in SecretStorage', async () => {
  const seedsmith = await api();
  teacher = await startTestTeacher({ latencyMs: 150, requireApiKey: SECRET });
  await config().update('teacher.baseUrl', teacher.url, vscode.ConfigurationTarget.Global);
  await config().update('budget.teacherQueries', BUDGET, vscode.ConfigurationTarget.Global);
  await config().update('generation.concurrency', 2, vscode.ConfigurationTarget.Global);
  await vscode.commands.executeCommand('seedsmith.setApiKey', SECRET);
  await eventually(() => (seedsmith.sidebarSnapshot().teacher.hasApiKey && seedsmith.sidebarSnapshot().run.blocked === null ? true : undefined), 'the key to be known and Generate to be possible');
  assert.equal(seedsmith.statusBarText(), `$(beaker) 0 / ${BUDGET} teacher queries`);

  const seen = new Set<string>();
  const watch = setInterval(() => seen.add(seedsmith.statusBarText()), 20);
  try {
    await seedsmith.runGeneration();
  } finally {
    clearInterval(watch);
  }
  assert.ok([...seen].some((text) => text.startsWith('$(sync~spin)')), `the status bar showed the run while it went: ${[...seen].join(' | ')}`);
  const after = await eventually(() => (seedsmith.statusBarText().includes(`${BUDGET} / ${BUDGET} teacher queries`) ? seedsmith.statusBarText() : undefined), 'the final spend in the status bar');
  assert.match(after, /0 \/ 6 reviewed/);
  assert.ok(seedsmith.statusBarIsWarning(), 'a spent budget shows the warning colour');
  const stats = teacher.stats();
  assert.equal(stats.totals.completions, BUDGET, 'the teacher completed exactly the budget');
  assert.equal(seedsmith.sidebarSnapshot().review.counts.pending, BUDGET);

  // The key is in SecretStorage only.
  const sessionDir = seedsmith.sessionDir();
  assert.ok(sessionDir);
  const journal = await readFile(path.join(sessionDir, 'journal.jsonl'), 'utf8');
  assert.ok(journal.length > 0);
  assert.ok(!journal.includes(SECRET), 'the journal holds no key');
  assert.ok(!JSON.stringify(seedsmith.lastPostedSnapshot()).includes(SECRET), 'the webview was never sent the key');
  assert.ok(!JSON.stringify(seedsmith.sidebarSnapshot()).includes(SECRET));
  for (const scope of ['globalValue', 'workspaceValue', 'workspaceFolderValue'] as const) {
    assert.ok(!JSON.stringify(config().inspect('teacher')?.[scope] ?? null).includes(SECRET));
  }
  for (const file of await filesUnder(path.dirname(seedsmith.logUri().fsPath))) {
    if (!file.endsWith('.log')) continue;
    assert.ok(!(await readFile(file, 'utf8')).includes(SECRET), `${file} holds the key`);
  }
});

test('the review card carries the automatic checks, computed off the keystroke path', async () => {
  const seedsmith = await api();
  const card = await eventually(() => seedsmith.sidebarSnapshot().review.window.find((c) => c.checks.some((check) => check.check === 'gold-match')), 'gold-match results on a card', 15_000);
  const gold = card.checks.find((check) => check.check === 'gold-match');
  assert.ok(gold && (gold.status === 'pass' || gold.status === 'fail'), JSON.stringify(card.checks));
  // Answer Augmentation keeps the seed's question: the answer is compared with the seed's gold.
  assert.match(gold.detail, /\d/);
});

test('CodeLens and hover on the seed file show its samples', async () => {
  const seedsmith = await api();
  const document = await vscode.workspace.openTextDocument(seedUri());
  await vscode.window.showTextDocument(document);
  const titles = await eventually(() => {
    const found = seedsmith.lensTitles(seedUri());
    return Object.keys(found).length > 0 ? found : undefined;
  }, 'CodeLens titles');
  const total = Object.values(titles).reduce((sum, title) => sum + Number(/(\d+) generated/.exec(title)?.[1] ?? 0), 0);
  assert.equal(total, BUDGET, `lenses count every sample: ${JSON.stringify(titles)}`);
  assert.ok(Object.values(titles).every((title) => / pending/.test(title)));
  const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', seedUri());
  assert.ok(lenses.some((lens) => lens.command?.command === 'seedsmith.showSamplesForLine'), 'VS Code asks our provider and gets lenses');
  const firstLine = Number(Object.keys(titles)[0]);
  const hover = seedsmith.hoverText(seedUri(), firstLine);
  assert.ok(hover, 'a hover on a seed line with samples');
  // Model text is appended as text, so Markdown characters in it arrive escaped.
  const shown = hover.value.replace(/\\(.)/g, '$1').replace(/&nbsp;/g, ' ');
  assert.match(shown, /#### \d+/, `the hover previews the generated answer: ${shown.slice(0, 400)}`);
  assert.ok(!hover.isTrusted && !hover.supportHtml, 'model text never runs as trusted Markdown or HTML');
});

test('decisions by command move the counts, the lenses and undo', async () => {
  const seedsmith = await api();
  await vscode.commands.executeCommand('seedsmith.review.accept');
  await vscode.commands.executeCommand('seedsmith.review.reject');
  let counts = seedsmith.sidebarSnapshot().review.counts;
  assert.deepEqual([counts.accepted, counts.rejected, counts.pending], [1, 1, BUDGET - 2]);
  await eventually(() => (seedsmith.statusBarText().includes(`2 / ${BUDGET} reviewed`) ? true : undefined), 'review progress in the status bar');
  // Cost per accepted sample counts every query bought for the strategy (6), over what was accepted (1).
  assert.deepEqual(seedsmith.sidebarSnapshot().strategy.feedback?.lines, ['answer-augmentation: 1 of 2 accepted (50 %), 6.0 queries per accepted sample']);
  const titles = seedsmith.lensTitles(seedUri());
  assert.ok(Object.values(titles).some((title) => /1 ✓/.test(title)) && Object.values(titles).some((title) => /1 ✗/.test(title)), JSON.stringify(titles));
  await vscode.commands.executeCommand('seedsmith.review.undo');
  counts = seedsmith.sidebarSnapshot().review.counts;
  assert.deepEqual([counts.accepted, counts.rejected, counts.pending], [1, 0, BUDGET - 1]);
  // The journal is the CLI's too: what the editor decided is in it.
  const journal = await readFile(path.join(seedsmith.sessionDir() ?? '', 'journal.jsonl'), 'utf8');
  assert.equal(journal.split('\n').filter((line) => line.includes('"type":"decision"')).length, 3);
});

test('undo survives reopening the session: its history is rebuilt from the journal', async () => {
  const seedsmith = await api();
  const before = seedsmith.sidebarSnapshot().review.counts;
  assert.equal(before.accepted, 1);
  // Reopen the session as a reload would: another seed file, then this one again.
  await vscode.commands.executeCommand('seedsmith.selectSeedFile', vscode.Uri.file(path.join(workspaceDir(), 'bad.jsonl')));
  await vscode.commands.executeCommand('seedsmith.selectSeedFile', seedUri());
  await eventually(() => (seedsmith.sidebarSnapshot().review.canUndo ? true : undefined), 'Undo to be possible after reopening');
  await vscode.commands.executeCommand('seedsmith.review.undo');
  // The snapshot follows the journal write; on a busy machine it can trail the command's return.
  const after = await eventually(() => {
    const counts = seedsmith.sidebarSnapshot().review.counts;
    return counts.accepted === 0 ? counts : undefined;
  }, 'the undone accept to leave the accepted count');
  assert.deepEqual([after.accepted, after.pending], [0, before.pending + 1], 'the accept made before the reopen was undone');
});

test('auto-reject: pending samples failing a chosen check go to the Rejected queue, with the check as the reason', async () => {
  const seedsmith = await api();
  const before = seedsmith.sidebarSnapshot().review.counts;
  await vscode.commands.executeCommand('seedsmith.autoReject', ['gold-match']);
  const journal = await readFile(path.join(seedsmith.sessionDir() ?? '', 'journal.jsonl'), 'utf8');
  const auto = journal.split('\n').filter((line) => line.includes('"type":"decision"') && line.includes('"source":"auto"')).map((line) => JSON.parse(line) as { reason?: string; decision: string });
  // The teacher does not know these seeds' answers, so its answers miss the gold ones.
  assert.ok(auto.length > 0, 'some samples failed the gold-answer check');
  assert.ok(auto.every((d) => d.decision === 'reject' && /gold-match/.test(d.reason ?? '')), JSON.stringify(auto));
  const after = await eventually(() => {
    const counts = seedsmith.sidebarSnapshot().review.counts;
    return counts.rejected === before.rejected + auto.length ? counts : undefined;
  }, 'the rejected count to grow by the auto-rejections');
  assert.equal(after.pending, before.pending - auto.length, 'only pending samples were auto-rejected');
  assert.equal(after.accepted, before.accepted, 'an accepted sample is never auto-rejected');
});

test('a run waiting for the rate limit says so in the run section, counting down to when it resumes', async () => {
  const seedsmith = await api();
  assert.ok(teacher, 'the run test started the teacher');
  // Two requests per 3-second window: the run's third request waits for the window to reopen.
  teacher.configure({ requestsPerMinute: 2, rateLimitWindowMs: 3000 });
  await config().update('budget.teacherQueries', BUDGET + 3, vscode.ConfigurationTarget.Global);
  const notes = new Set<string>();
  const watch = setInterval(() => {
    const note = seedsmith.sidebarSnapshot().run.progress?.note;
    if (note) notes.add(note);
  }, 20);
  try {
    await eventually(() => (seedsmith.sidebarSnapshot().run.blocked === null ? true : undefined), 'Generate to be possible with the larger budget');
    await seedsmith.runGeneration();
  } finally {
    clearInterval(watch);
    teacher.configure({ requestsPerMinute: null });
  }
  assert.ok([...notes].some((note) => /^waiting for the rate limit, resumes in [1-3] s$/.test(note)), `the run section said: ${[...notes].join(' | ') || 'nothing'}`);
  await eventually(() => (seedsmith.statusBarText().includes(`${BUDGET + 3} / ${BUDGET + 3} teacher queries`) ? true : undefined), 'the whole larger budget spent, the 429s not counted');
  assert.ok((teacher.stats().totals.errors['429'] ?? 0) > 0, 'the limit was never hit: the test proves nothing');
});

test('clean up: the teacher stops and settings go back', async () => {
  await teacher?.close();
  for (const key of ['teacher.baseUrl', 'teacher.model', 'budget.teacherQueries', 'generation.concurrency', 'generation.strategy']) {
    await config().update(key, undefined, vscode.ConfigurationTarget.Global);
  }
  await vscode.commands.executeCommand('seedsmith.clearApiKey');
});
