import { json } from "@remix-run/node";
import { GeneralErrorBoundary } from "~/components/error-boundary";

/** Any URL no other route claims: the translated 404 page. */
export async function loader() {
  throw json({ message: "errors.notFound" }, { status: 404 });
}

export default function NotFound() {
  return null;
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
