// What the provider does to an inline policy before sending it (terraform-plugin-sdk
// helper/structure.NormalizeJsonString): json.Unmarshal into an interface{}, json.Marshal back.
// Reads a JSON list of documents on stdin and writes the list of their normalized texts.
package main

import (
	"encoding/json"
	"os"
)

func main() {
	var documents []string
	if err := json.NewDecoder(os.Stdin).Decode(&documents); err != nil {
		panic(err)
	}
	normalized := make([]string, len(documents))
	for i, document := range documents {
		var value interface{}
		if err := json.Unmarshal([]byte(document), &value); err != nil {
			panic(err)
		}
		text, err := json.Marshal(value)
		if err != nil {
			panic(err)
		}
		normalized[i] = string(text)
	}
	// The list itself goes out without HTML escaping, so that the texts arrive exactly as marshaled.
	encoder := json.NewEncoder(os.Stdout)
	encoder.SetEscapeHTML(false)
	if err := encoder.Encode(normalized); err != nil {
		panic(err)
	}
}
