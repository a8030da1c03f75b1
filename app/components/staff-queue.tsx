import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { describeDuration } from "~/models/content/workflow";
import type { QueueList, StaffQueues } from "~/models/staff-queue.server";

type QueueName = keyof StaffQueues;

/** Where each queue's entries and the whole queue live. */
const QUEUE_LINKS: Record<QueueName, { entry: (id: string) => string; all: string }> = {
  review: { entry: (id) => `/review/${id}`, all: "/review" },
  ideas: { entry: (id) => `/manage/ideas#idea-${id}`, all: "/manage/ideas" },
  sentBack: { entry: (id) => `/manage/content/${id}`, all: "/manage/content?status=changes_requested" },
  overdue: { entry: (id) => `/admin/people/${id}`, all: "/hr/onboarding#overdue-title" },
};

const ORDER: QueueName[] = ["review", "sentBack", "ideas", "overdue"];

function Queue({ name, queue }: { name: QueueName; queue: QueueList }) {
  const { t } = useTranslation();
  const links = QUEUE_LINKS[name];
  const ageText = (ms: number) => {
    const { unit, count } = describeDuration(ms);
    return t(`content.duration.${unit}`, { count });
  };
  const headingId = `queue-${name}`;
  return (
    <section className="card staff-queue" aria-labelledby={headingId} data-testid={`queue-${name}`}>
      <div className="section-head">
        <h3 id={headingId}>
          {t(`experience.queue.${name}.title`)} <span className="badge">{queue.total}</span>
        </h3>
        <Link to={links.all}>{t("experience.queue.seeAll", { count: queue.total })}</Link>
      </div>
      {queue.entries.length === 0 ? (
        <p className="hint">{t(`experience.queue.${name}.empty`)}</p>
      ) : (
        <ul className="staff-queue-list">
          {queue.entries.map((entry) => (
            <li key={entry.id}>
              <Link to={links.entry(entry.id)}>{entry.title}</Link>{" "}
              <span className="hint">{t(`experience.queue.${name}.age`, { age: ageText(entry.ageMs) })}</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** The staff roles' queues on the home: a count, the oldest few with their age, and a link to the whole queue. */
export function StaffQueueList({ queues }: { queues: StaffQueues }) {
  const shown = ORDER.flatMap((name) => {
    const queue = queues[name];
    return queue ? [{ name, queue }] : [];
  });
  if (shown.length === 0) return null;
  return (
    <div className="staff-queues">
      {shown.map(({ name, queue }) => (
        <Queue key={name} name={name} queue={queue} />
      ))}
    </div>
  );
}
