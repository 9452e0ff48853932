// Package polarization computes the polarization score of Discourse
// Network Analysis (DNA 3.1's Polarization, rDNA's dna_polarization): how
// well the actors split into k groups that agree within and disagree
// across, measured on the congruence and conflict networks with average
// normalisation, and maximised over balanced partitions by a greedy or a
// genetic algorithm with a seed.
//
// Quality gives the score of one partition; Optimize searches for the best
// one on a pair of networks; Compute builds the two networks of a model
// and optimises. The result depends only on the input and the seed.
package polarization
