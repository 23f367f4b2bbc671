// Placeholder: being built.
export default function EntryPage() {
  return null;
}
