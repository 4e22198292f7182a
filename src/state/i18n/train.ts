/**
 * The training lab's frame on the page (src/panels/train/TrainSection.tsx): heading, teaser, open / close. The lab's
 * own strings are in ./trainLab.ts, loaded with the lab.
 */
export const trainEn = {
  'train.title': 'Training lab: does a deeper chain train better?',
  'train.teaser':
    'Figure 1 of the ResNet paper, live: train a shallow and a deep plain chain and their residual twins from one seed, and watch which ends with the higher training loss.',
  'train.open': 'Open the training lab',
  'train.close': 'Close the training lab',
  'train.loading': 'Loading the training lab…',
} as const;
