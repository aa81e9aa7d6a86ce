/** The analyzer on Node, with jieba's native segmenter; built once per process (loading the dictionary takes a moment). */
import { type Analyzer, createAnalyzer } from './analyzer';
import { createNodeSegmenter } from './jieba-node';

let analyzer: Analyzer | undefined;

export function nodeAnalyzer(): Analyzer {
  analyzer ??= createAnalyzer(createNodeSegmenter());
  return analyzer;
}
