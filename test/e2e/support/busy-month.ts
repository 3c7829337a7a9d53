// A manager's busy month: 300 posts over next month, several a day at the usual hours, some at the same minute,
// a third with a picture, for X, LinkedIn or both; a few drafts and cancelled ones among them.
import type { AccountView, PostView } from '../../../shared/domain';
import { PAGE_ZONE } from './browser';
import type { MediaServer } from './media-server';
import { zonedInstant } from './wall-time';
import type { WebApp } from './web-app';

const TEXTS = [
  'Fresh from the roaster this morning: our Colombian Huila, with notes of red apple and caramel. Come taste it!',
  'Latte art workshop this Saturday at 10. Six seats left, sign up at the counter or through the link in our bio.',
  'Meet the farmers: a live Q&A with the Alvarez family about this year’s harvest and how they dry their beans.',
  'Weekend opening hours: we open at 8 on Saturday and Sunday, and the kitchen serves brunch until 2 pm.',
  'Single-origin of the month: Ethiopia Guji, washed. Jasmine, bergamot and a long, sweet finish.',
  'Thank you for 10,000 followers! To celebrate, every filter coffee is half price until Sunday.',
  'How we dial in espresso every morning: a short thread on grind size, dose, yield and time.',
  'Cold brew is back on tap. Steeped for 18 hours, served over ice, and a little sweeter than last year.',
  'Our winter blend is here: dark chocolate, orange peel and a hint of clove. Bags in store and online.',
  'We are hiring a head roaster. Tell your friends, and send us your story by the end of the month.',
];
const HOURS = ['08:30', '09:00', '10:15', '12:00', '12:30', '15:00', '17:30', '19:00'];

export const BUSY_MONTH_POSTS = 300;

/** YYYY-MM of next month in the page's zone, and its days. */
export function nextMonth(now = new Date()): { year: number; month: number; days: number; key: string } {
  // The page's calendar opens on today in its zone: in the last hours of a month in UTC, Berlin is already in the next.
  const [thisYear, thisMonth] = new Intl.DateTimeFormat('en-CA', { timeZone: PAGE_ZONE, year: 'numeric', month: '2-digit' })
    .format(now)
    .split('-')
    .map(Number);
  const year = thisMonth === 12 ? thisYear + 1 : thisYear;
  const month = thisMonth % 12;
  const days = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return { year, month, days, key: `${year}-${String(month + 1).padStart(2, '0')}` };
}

export async function seedBusyMonth(app: WebApp, media: MediaServer, x: AccountView, linkedIn: AccountView): Promise<PostView[]> {
  const { days, key } = nextMonth();
  const inputs = Array.from({ length: BUSY_MONTH_POSTS }, (_, index) => {
    const day = 1 + (index % days);
    // Three posts share 09:00 on the 3rd, so the week view has simultaneous posts to stack.
    const time = day === 3 && index < days * 3 ? '09:00' : HOURS[(index * 7 + Math.floor(index / days)) % HOURS.length];
    const date = `${key}-${String(day).padStart(2, '0')}`;
    const targets = index % 3 === 0 ? [{ accountId: x.id }, { accountId: linkedIn.id }] : [{ accountId: index % 3 === 1 ? x.id : linkedIn.id }];
    return {
      text: TEXTS[index % TEXTS.length],
      mediaUrls: index % 3 === 1 ? [media.photo(index)] : [],
      targets,
      mode: index % 29 === 5 ? ('draft' as const) : ('schedule' as const),
      scheduledAt: new Date(zonedInstant({ date, time }, PAGE_ZONE)).toISOString(),
      timeZone: PAGE_ZONE,
    };
  });
  const posts: PostView[] = [];
  for (let first = 0; first < inputs.length; first += 25) {
    posts.push(...(await Promise.all(inputs.slice(first, first + 25).map((input) => app.invoke('posts:create', input)))));
  }
  for (const post of posts.filter((_, index) => index % 37 === 11)) await app.invoke('publishing:cancel', { id: post.id });
  return posts;
}
