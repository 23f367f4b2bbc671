// Placeholder: being built.
export default function CatalogStatsPage() {
  return null;
}
