import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { VariantOffer } from "~/models/sharing/share-variants.server";

/**
 * The approved versions of the network's text inside the share dialog's form: the one the text
 * starts from (least used by colleagues unless the person picked another) travels as `variant`;
 * the others are plain links (?variant=…#share), so choosing works without JavaScript.
 */
export function VariantPicker({ itemId, offer, via }: { itemId: string; offer: VariantOffer; via: string }) {
  const { t } = useTranslation();
  const hrefOf = (variant: number) =>
    `/feed/${itemId}?network=${offer.network}&variant=${variant}${via !== "feed" ? `&via=${via}` : ""}#share`;
  return (
    <div className="share-variants">
      <input type="hidden" name="variant" value={offer.chosen} />
      {offer.options.length > 1 ? (
        <nav aria-label={t("results.variants.choose")}>
          <p className="hint">{t("results.variants.intro", { count: offer.options.length })}</p>
          <ol className="variant-options" data-testid="variant-options">
            {offer.options.map((option, i) => (
              <li key={option.variant} data-variant={option.variant}>
                <Link
                  to={hrefOf(option.variant)}
                  preventScrollReset
                  replace
                  aria-current={option.variant === offer.chosen ? "true" : undefined}
                  className={option.variant === offer.chosen ? "variant-option current" : "variant-option"}
                >
                  {t("results.variants.version", { number: option.variant })}
                  {i === 0 ? ` · ${t("results.variants.leastUsed")}` : ""}
                </Link>{" "}
                <span className="hint">
                  {t("results.variants.uses", { count: option.uses })}
                  {option.popular ? ` · ${t("results.variants.popularShort", { count: option.today })}` : ""}
                </span>
                <span className="variant-text">{option.text}</span>
              </li>
            ))}
          </ol>
        </nav>
      ) : null}
      {offer.popular ? (
        <p className="form-error" role="status" data-testid="variant-popular">
          {t("results.variants.popular", { count: offer.today })}
        </p>
      ) : null}
    </div>
  );
}

/** The reviewer's and editor's view of the extra approved texts, beside the main ones. */
export function ShareVariantList({
  variants,
}: {
  variants: { network: string; variant: number; text: string; length: number; limit: number }[];
}) {
  const { t } = useTranslation();
  if (variants.length === 0) return null;
  return (
    <div className="share-texts" data-testid="share-variants">
      {variants.map((v) => (
        <section
          key={`${v.network}-${v.variant}`}
          className="share-text"
          aria-label={t("results.variants.label", { network: t(`content.networks.${v.network}`), number: v.variant })}
        >
          <h4>{t("results.variants.label", { network: t(`content.networks.${v.network}`), number: v.variant })}</h4>
          <p className="body">{v.text}</p>
          <p className={`counter${v.length > v.limit ? " counter-over" : ""}`}>
            {t("content.preview.length", { length: v.length, limit: v.limit })}
          </p>
        </section>
      ))}
    </div>
  );
}
