// Placeholder: being built.
export default function EntryEditorPage() {
  return null;
}
