// VS Code's language model API has no system role: the system text is folded into the first user
// message (or made one, when the conversation starts with the assistant), in the order sent.
import type { ChatMessage } from '../../core/model/chat.ts';

export interface FoldedMessage {
  readonly role: 'user' | 'assistant';
  readonly content: string;
}

export function foldSystemMessages(messages: readonly ChatMessage[]): FoldedMessage[] {
  const system = messages.filter((m) => m.role === 'system').map((m) => m.content.trim()).filter((t) => t !== '');
  const rest = messages.filter((m): m is ChatMessage & { role: 'user' | 'assistant' } => m.role !== 'system');
  if (system.length === 0) return rest.map((m) => ({ role: m.role, content: m.content }));
  const preface = system.join('\n\n');
  const firstUser = rest.findIndex((m) => m.role === 'user');
  if (firstUser === -1) return [{ role: 'user', content: preface }, ...rest.map((m) => ({ role: m.role, content: m.content }))];
  return rest.map((m, i) => ({ role: m.role, content: i === firstUser ? `${preface}\n\n${m.content}` : m.content }));
}
