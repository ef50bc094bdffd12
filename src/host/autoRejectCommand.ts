// "SeedSmith: Auto-Reject Failed Checks…": the person picks the checks whose failures they never
// want to review; matching pending samples are rejected with a reason naming the check
// (source: auto). They stay in the Rejected queue, and Reset / Undo brings any back.
import * as vscode from 'vscode';
import { autoRejections } from '../core/checks/autoReject.ts';
import type { CheckId, CheckResult } from '../core/checks/index.ts';
import { isCheckId } from '../core/checks/types.ts';
import type { SessionController } from './session/sessionController.ts';

/** `given`: check ids to use without asking (a keybinding's arguments, or a test). */
export async function autoRejectFailedChecks(session: SessionController, results: ReadonlyMap<string, readonly CheckResult[]>, given?: readonly string[]): Promise<void> {
  const failing = new Map<CheckId, number>();
  for (const [sampleId, sampleResults] of results) {
    if (session.state.reviews.get(sampleId)?.state !== 'pending') continue;
    for (const result of sampleResults) if (result.status === 'fail') failing.set(result.check, (failing.get(result.check) ?? 0) + 1);
  }
  if (failing.size === 0) {
    void vscode.window.showInformationMessage(vscode.l10n.t('SeedSmith: no pending sample fails a check.'));
    return;
  }
  const chosen = given
    ? given.filter((id): id is CheckId => isCheckId(id))
    : (await vscode.window.showQuickPick(
        [...failing].map(([check, count]) => ({ label: check, description: vscode.l10n.t('{0} pending samples fail it', count), check })),
        { canPickMany: true, title: vscode.l10n.t('SeedSmith: Auto-Reject Samples That Fail…'), placeHolder: vscode.l10n.t('They go to the Rejected queue with the check as the reason; nothing is deleted') },
      ))?.map((item) => item.check);
  if (!chosen || chosen.length === 0) return;
  const decisions = autoRejections(session.state, results, { checks: chosen }, new Date().toISOString());
  const open = await session.writable();
  for (const decision of decisions) await open.journal.append(decision.event, { durable: true });
  void vscode.window.showInformationMessage(vscode.l10n.t('SeedSmith: {0} samples auto-rejected. They are in the Rejected queue.', decisions.length));
}
