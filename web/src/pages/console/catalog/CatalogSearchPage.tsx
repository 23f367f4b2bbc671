// Placeholder: being built.
export default function CatalogSearchPage() {
  return null;
}
