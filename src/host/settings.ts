// Typed access to SeedSmith's settings, and a signal when any of them changes (no reload needed).
// A hand-edited settings.json can hold anything: every value is checked and falls back to its
// default rather than reaching the engine malformed.
import * as vscode from 'vscode';
import type { ModelPrice, Pricing } from '../core/advisor/pricing.ts';
import { isProviderKind } from '../core/providers/index.ts';
import type { ProviderConfig } from '../core/providers/index.ts';
import type { TeacherWeight } from '../core/planner/teacherSplit.ts';
import { STRATEGY_IDS, type StrategyId } from '../core/samples/sample.ts';
import { SettingId } from './ids.ts';

export interface Settings {
  readonly teacherLimit: number;
  /** The teacher limit when not set. */
  readonly augmenterLimit: number;
  readonly baseUrl: string;
  /** The teacher's provider as the settings name it (seedsmith.jsonc's "provider" wins over it at run time); absent: OpenAI's preset at baseUrl. */
  readonly provider?: ProviderConfig;
  /** seedsmith.teacher.provider is "vscode": the teacher and augmenter are VS Code language models (no URL, no key). */
  readonly useVsCodeModels?: boolean;
  /** The run's teacher: the ensemble's first model when there is an ensemble. */
  readonly teacherModel: string;
  /** seedsmith.teacher.ensemble as set (checked entries only); a run uses it when it names two or more models. */
  readonly ensemble: readonly TeacherWeight[];
  /** The teacher model when not set. */
  readonly augmenterModel: string;
  readonly weakAugmenter: boolean;
  readonly strategy: StrategyId | 'auto';
  readonly samplesPerSeed: number | undefined;
  readonly questionsPerCall: number;
  readonly concurrency: number;
  readonly timeoutMs: number;
  readonly pricing: Pricing;
  readonly promptOverridesFile: string;
  readonly flaggedFirst: boolean;
}

export const DEFAULT_BASE_URL = 'https://api.openai.com/v1';

function wholeNumber(value: unknown, fallback: number, min: number): number {
  return typeof value === 'number' && Number.isFinite(value) && value >= min ? Math.floor(value) : fallback;
}

function text(value: unknown, fallback: string): string {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : fallback;
}

function pricingFrom(value: unknown): Record<string, ModelPrice> {
  const prices: Record<string, ModelPrice> = {};
  if (typeof value !== 'object' || value === null) return prices;
  for (const [model, price] of Object.entries(value as Record<string, unknown>)) {
    const p = price as Partial<ModelPrice> | null;
    if (p && typeof p.inputPerMillion === 'number' && typeof p.outputPerMillion === 'number' && p.inputPerMillion >= 0 && p.outputPerMillion >= 0) {
      prices[model] = { inputPerMillion: p.inputPerMillion, outputPerMillion: p.outputPerMillion };
    }
  }
  return prices;
}

export function readSettings(): Settings {
  const config = vscode.workspace.getConfiguration(SettingId.section);
  const teacherLimit = wholeNumber(config.get('budget.teacherQueries'), 500, 0);
  const ensemble = ensembleFrom(config.get('teacher.ensemble'));
  const teacherModel = ensemble.length > 1 ? ensemble[0]!.model : text(config.get('teacher.model'), '');
  const strategy = config.get<string>('generation.strategy');
  const samplesPerSeed = config.get('generation.samplesPerSeed');
  return {
    teacherLimit,
    augmenterLimit: wholeNumber(config.get('budget.augmenterCalls'), teacherLimit, 0),
    baseUrl: text(config.get('teacher.baseUrl'), DEFAULT_BASE_URL),
    provider: providerFrom(config),
    useVsCodeModels: config.get('teacher.provider') === 'vscode',
    teacherModel,
    ensemble,
    augmenterModel: text(config.get('augmenter.model'), teacherModel),
    weakAugmenter: config.get('augmenter.weakerThanTeacher') === true,
    strategy: strategy === 'auto' || (STRATEGY_IDS as readonly string[]).includes(strategy ?? '') ? (strategy as StrategyId | 'auto') : 'auto',
    samplesPerSeed: typeof samplesPerSeed === 'number' && samplesPerSeed >= 1 ? Math.floor(samplesPerSeed) : undefined,
    questionsPerCall: wholeNumber(config.get('generation.questionsPerCall'), 3, 1),
    concurrency: wholeNumber(config.get('generation.concurrency'), 8, 1),
    timeoutMs: wholeNumber(config.get('generation.timeoutMs'), 60_000, 1000),
    pricing: pricingFrom(config.get('pricing')),
    promptOverridesFile: text(config.get('prompts.overridesFile'), 'seedsmith.jsonc'),
    flaggedFirst: config.get('review.flaggedFirst') !== false,
  };
}

/** The ensemble's well-formed entries, each model once (a hand-edited settings.json can hold anything). */
function ensembleFrom(value: unknown): TeacherWeight[] {
  if (!Array.isArray(value)) return [];
  const teachers: TeacherWeight[] = [];
  for (const entry of value as unknown[]) {
    const e = entry as { model?: unknown; weight?: unknown } | null;
    const model = text(e?.model, '');
    if (model === '' || teachers.some((t) => t.model === model)) continue;
    teachers.push({ model, weight: wholeNumber(e?.weight, 1, 1) });
  }
  return teachers;
}

/** The teachers a run splits its teacher queries among: the ensemble when it names two or more. */
export function runTeachers(settings: Settings): readonly TeacherWeight[] | undefined {
  return settings.ensemble.length > 1 ? settings.ensemble : undefined;
}

/**
 * The provider settings. The base URL applies to every provider when the person set it; left at
 * its default (OpenAI's URL) it is the OpenAI preset's, and another provider keeps its own default.
 */
function providerFrom(config: vscode.WorkspaceConfiguration): ProviderConfig {
  const kindSetting = config.get('teacher.provider');
  const kind = isProviderKind(kindSetting) ? kindSetting : 'openai';
  const inspected = config.inspect<string>('teacher.baseUrl');
  const setByPerson = [inspected?.globalValue, inspected?.workspaceValue, inspected?.workspaceFolderValue].some((v) => typeof v === 'string' && v.trim() !== '');
  const baseUrl = text(config.get('teacher.baseUrl'), '');
  const optional = (key: string): string | undefined => {
    const value = text(config.get(key), '');
    return value === '' ? undefined : value;
  };
  const resource = optional('teacher.azure.resource');
  const deployment = optional('teacher.azure.deployment');
  const apiVersion = optional('teacher.azure.apiVersion');
  return {
    kind,
    ...((kind === 'openai' || setByPerson) && baseUrl !== '' ? { baseUrl } : {}),
    ...(resource ? { resource } : {}),
    ...(deployment ? { deployment } : {}),
    ...(apiVersion ? { apiVersion } : {}),
  };
}

export function onDidChangeSettings(listener: (settings: Settings) => void): vscode.Disposable {
  return vscode.workspace.onDidChangeConfiguration((event) => {
    if (event.affectsConfiguration(SettingId.section)) listener(readSettings());
  });
}

/** Writes one setting where the person keeps it: the workspace when one is open. */
export async function updateSetting(key: string, value: unknown): Promise<void> {
  const target = vscode.workspace.workspaceFolders ? vscode.ConfigurationTarget.Workspace : vscode.ConfigurationTarget.Global;
  await vscode.workspace.getConfiguration(SettingId.section).update(key, value, target);
}
