// "Take over": the person asks for a session an idle editor window of theirs holds. Confirmed
// first (the other window's review turns read-only); that window is asked and lets go only if it
// is not generating; a `seedsmith` command is never asked.
import * as vscode from 'vscode';
import type { SessionController, TakeOverResult } from './sessionController.ts';

/** `confirmed` skips the question (only the extension-host tests pass it: they cannot click a modal). */
export async function takeOverSession(session: SessionController, confirmed = false): Promise<TakeOverResult> {
  const takeOver = vscode.l10n.t('Take Over');
  let holderName = '';
  const result = await session.takeOver(async (holder) => {
    holderName = holder;
    if (confirmed) return true;
    const choice = await vscode.window.showWarningMessage(
      vscode.l10n.t('Take this session over from {0}?', holder),
      { modal: true, detail: vscode.l10n.t('That window is asked to let go of the session; if it is generating, it keeps it. Afterwards its review is read-only.') },
      takeOver,
    );
    return choice === takeOver;
  });
  switch (result) {
    case 'taken':
      void vscode.window.showInformationMessage(vscode.l10n.t('SeedSmith: the session is yours to write now.'));
      return result;
    case 'busy':
      void vscode.window.showWarningMessage(vscode.l10n.t('SeedSmith: {0} is generating and keeps the session until its run ends.', holderName));
      return result;
    case 'no-answer':
      void vscode.window.showWarningMessage(vscode.l10n.t('SeedSmith: {0} did not answer. Close that window, or wait: the session is taken over as soon as it is gone.', holderName));
      return result;
    case 'not-allowed':
      void vscode.window.showWarningMessage(vscode.l10n.t('SeedSmith: only a session held by another VS Code window of yours can be taken over; a `seedsmith` command keeps it until it ends.'));
      return result;
    case 'cancelled':
      return result;
  }
}
