// Placeholder: being built.
export default function DutiesPage() {
  return null;
}
