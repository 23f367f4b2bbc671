// Placeholder: being built.
export default function ReviewInboxPage() {
  return null;
}
